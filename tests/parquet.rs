//! Parquet in and out (the default `parquet` feature). `analyze --parquet` writes every
//! table twice, and each Parquet file, read back with polars, must hold the CSV's rows,
//! columns and values in typed columns; Parquet inputs written by pyarrow (an independent
//! writer: scripts/fixtures/make_parquet.py) must give the tables of their CSV twins byte
//! for byte; broken ones must be refused naming file, row and column. Built without the
//! feature, both must fail with an error that names it.

mod common;

use std::path::Path;

use common::*;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The files under `dir/tables` with extension `ext`, by stem.
fn tables(dir: &Path, ext: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    all_files(&dir.join("tables"))
        .into_iter()
        .filter_map(|(name, bytes)| {
            let stem = name.strip_suffix(&format!(".{ext}"))?.to_string();
            Some((stem, bytes))
        })
        .collect()
}

#[cfg(feature = "parquet")]
mod with_the_feature {
    use super::*;
    use consortia::output::{float, text};
    use polars::prelude::*;

    /// A Parquet file as a data frame.
    fn frame(bytes: &[u8]) -> DataFrame {
        ParquetReader::new(std::io::Cursor::new(bytes.to_vec()))
            .finish()
            .unwrap()
    }

    /// Cell `i` of a typed column as the CSV writes it (text made spreadsheet-safe).
    fn csv_cell(s: &Series, i: usize) -> String {
        match s.get(i).unwrap() {
            AnyValue::Null => String::new(),
            AnyValue::Int64(v) => v.to_string(),
            AnyValue::Float64(v) => float(v),
            AnyValue::Boolean(v) => v.to_string(),
            AnyValue::String(v) => text(v),
            AnyValue::StringOwned(v) => text(&v),
            other => panic!("{}: unexpected value {other:?}", s.name()),
        }
    }

    /// Every tables/*.parquet of `out` equals its CSV: rows, column names, typed dtypes
    /// and values. Returns the frames by stem.
    fn parquet_equals_csv(out: &Path) -> std::collections::BTreeMap<String, DataFrame> {
        let csvs = tables(out, "csv");
        let parquets = tables(out, "parquet");
        assert_eq!(
            csvs.keys().collect::<Vec<_>>(),
            parquets.keys().collect::<Vec<_>>(),
            "one Parquet file per CSV table"
        );
        let mut frames = std::collections::BTreeMap::new();
        for (stem, bytes) in &parquets {
            let df = frame(bytes);
            let mut r = csv::Reader::from_reader(csvs[stem].as_slice());
            let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
            let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
            let names: Vec<String> = df
                .get_column_names()
                .iter()
                .map(|n| n.to_string())
                .collect();
            assert_eq!(names, header, "{stem}: columns");
            assert_eq!(df.height(), rows.len(), "{stem}: rows");
            for (c, column) in df.columns().iter().enumerate() {
                let s = column.as_materialized_series();
                assert!(
                    matches!(
                        s.dtype(),
                        DataType::Int64 | DataType::Float64 | DataType::Boolean | DataType::String
                    ),
                    "{stem}.{}: {}",
                    s.name(),
                    s.dtype()
                );
                for (i, row) in rows.iter().enumerate() {
                    assert_eq!(
                        csv_cell(s, i),
                        row[c],
                        "{stem}: row {}, column {}",
                        i + 2,
                        header[c]
                    );
                }
            }
            frames.insert(stem.clone(), df);
        }
        frames
    }

    fn dtype(frames: &std::collections::BTreeMap<String, DataFrame>, t: &str, c: &str) -> DataType {
        frames[t].column(c).unwrap().dtype().clone()
    }

    #[test]
    fn every_table_as_parquet_equals_its_csv() {
        let tmp = tempfile::tempdir().unwrap();
        // messy: hostile names (formulas, HTML, line breaks), GB18030, city level.
        let out = tmp.path().join("messy");
        analyze(
            &fixture("messy"),
            &out,
            &["--parquet", "--region-level", "city", "--stability", "20"],
        );
        let f = parquet_equals_csv(&out);
        assert!(f.len() >= 13, "{:?}", f.keys());
        for (t, c, want) in [
            ("org_centrality", "org_id", DataType::String),
            ("org_centrality", "collaborations", DataType::Int64),
            ("org_centrality", "betweenness", DataType::Float64),
            ("chain_coverage", "critical", DataType::Boolean),
            ("org_structure", "articulation", DataType::Boolean),
            ("evolution", "year", DataType::Int64),
            ("ei_index", "p_greater", DataType::Float64),
            ("rank_stability", "top_share", DataType::Float64),
        ] {
            assert_eq!(dtype(&f, t, c), want, "{t}.{c}");
        }
        // Text is the data's in Parquet; only the CSV guards formulas.
        let names = f["org_centrality"]
            .column("name")
            .unwrap()
            .str()
            .unwrap()
            .clone();
        let b = names
            .iter()
            .flatten()
            .find(|n| n.starts_with("=HYPERLINK"))
            .expect("the formula name, as given");
        let csv = std::fs::read_to_string(out.join("tables/org_centrality.csv")).unwrap();
        assert!(
            csv.contains(&format!("'{}", b.replace('"', "\"\""))),
            "{csv}"
        );
        // Empty cells are nulls: name_en where none is given.
        assert!(f["org_centrality"].column("name_en").unwrap().null_count() > 0);
        // run.toml and summary.json say so.
        let run_toml = std::fs::read_to_string(out.join("run.toml")).unwrap();
        assert!(run_toml.contains(" --parquet") && run_toml.contains("\nparquet = true\n"));
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
        assert_eq!(summary["parameters"]["parquet"], true);
    }

    #[test]
    fn the_yearly_panel_as_parquet_and_bytes_that_do_not_depend_on_threads() {
        let tmp = tempfile::tempdir().unwrap();
        let one = tmp.path().join("one");
        let two = tmp.path().join("two");
        analyze(
            &fixture("evolution"),
            &one,
            &["--parquet", "--threads", "1"],
        );
        analyze(
            &fixture("evolution"),
            &two,
            &["--parquet", "--threads", "2"],
        );
        let f = parquet_equals_csv(&one);
        let evolution = &f["evolution"];
        assert!(evolution.height() > 6, "{evolution}");
        for c in [
            "consortia",
            "memberships",
            "new_memberships",
            "ended_memberships",
        ] {
            assert_eq!(dtype(&f, "evolution", c), DataType::Int64, "{c}");
        }
        assert_eq!(tables(&one, "parquet"), tables(&two, "parquet"));
        // Without --parquet: no Parquet file, the CSV tables the same bytes.
        let plain = tmp.path().join("plain");
        analyze(&fixture("evolution"), &plain, &[]);
        assert!(tables(&plain, "parquet").is_empty());
        assert_eq!(tables(&plain, "csv"), tables(&one, "csv"));
    }

    #[test]
    fn batch_passes_parquet_on_and_run_toml_reads_back() {
        let tmp = tempfile::tempdir().unwrap();
        let config = tmp.path().join("batch.toml");
        std::fs::write(
            &config,
            format!(
                "out = \"out\"\n[analyze]\nparquet = true\n\n[[dataset]]\npath = {:?}\nname = \"t\"\n\n\
                 [[dataset]]\npath = {:?}\nname = \"off\"\nparquet = false\n",
                s(&fixture("tiny")),
                s(&fixture("tiny"))
            ),
        )
        .unwrap();
        run(&["batch", "--config", s(&config), "--quiet"], 0);
        let out = tmp.path().join("out");
        parquet_equals_csv(&out.join("t"));
        assert!(tables(&out.join("off"), "parquet").is_empty());
        // run.toml of the first remakes it, Parquet included.
        let again = tmp.path().join("again");
        run(
            &[
                "batch",
                "--config",
                s(&out.join("t/run.toml")),
                "--out",
                s(&again),
                "--quiet",
            ],
            0,
        );
        let remade = std::fs::read_dir(&again)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.is_dir())
            .unwrap();
        assert_eq!(
            tables(&remade, "parquet"),
            tables(&out.join("t"), "parquet")
        );
        // A value that is not a boolean is a configuration problem.
        std::fs::write(&config, "out = \"o\"\n[analyze]\nparquet = \"yes\"\n").unwrap();
        run(&["batch", "--config", s(&config)], 2);
    }

    #[test]
    fn parquet_inputs_give_the_tables_of_their_csv_twins() {
        let tmp = tempfile::tempdir().unwrap();
        let parquet = |name: &str| fixture("parquet").join(name);
        analyze(&parquet("twin"), &tmp.path().join("twin"), &[]);
        let twin = tables(&tmp.path().join("twin"), "csv");
        let out = analyze(&parquet("typed"), &tmp.path().join("typed"), &[]);
        let typed = tables(&tmp.path().join("typed"), "csv");
        assert_eq!(
            twin.keys().collect::<Vec<_>>(),
            typed.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &twin {
            assert!(
                typed[name] == *bytes,
                "typed Parquet: tables/{name}.csv differs:\n{}\nwant:\n{}",
                String::from_utf8_lossy(&typed[name]),
                String::from_utf8_lossy(bytes)
            );
        }
        // The data is really there: dates from date32 and timestamp columns made a panel.
        let evolution = table(&tmp.path().join("typed/tables/evolution.csv"));
        assert_eq!(
            evolution.iter().filter(|r| r["program"] == "*").count(),
            5,
            "2019..=2023"
        );
        // Project ids stored as int64: read as their decimal text, with one warning each.
        let err = stderr(&out);
        assert!(
            err.contains("projects.parquet: row 2, column project_id: ids stored as numbers (3 cells, the first in this row): leading zeros, if any, were lost before the file was written; store ids as text"),
            "{err}"
        );
        // tiny as string columns, beside a CSV file: tiny's tables byte for byte.
        analyze(&fixture("tiny"), &tmp.path().join("tiny"), &[]);
        analyze(&parquet("tiny"), &tmp.path().join("tiny-pq"), &[]);
        assert_eq!(
            tables(&tmp.path().join("tiny"), "csv"),
            tables(&tmp.path().join("tiny-pq"), "csv")
        );
        // run.toml fingerprints the Parquet files.
        let run_toml = std::fs::read_to_string(tmp.path().join("typed/run.toml")).unwrap();
        assert!(run_toml.contains("# memberships.parquet: "), "{run_toml}");
    }

    #[test]
    fn broken_parquet_is_refused_naming_file_row_and_column() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let o = run(
            &[
                "analyze",
                s(&fixture("parquet").join("broken")),
                "--out",
                s(&out),
            ],
            1,
        );
        let err = stderr(&o);
        for want in [
            "organizations.parquet: row 4, column type: ",
            "consortia.parquet: row 3, column name: empty required field",
            "memberships.parquet: row 1, column org_id: ",
            "projects.parquet: row 1, column start: timestamps with a time zone (Asia/Shanghai) are not read",
            "projects.parquet: row 1, column funding: a column of decimal type is not read",
        ] {
            assert!(err.contains(want), "missing {want:?} in:\n{err}");
        }
        assert!(err.contains("'company'"), "{err}");
        assert!(!out.exists(), "nothing written for a refused dataset");
        // Not Parquet at all; a table given twice.
        let dir = tmp.path().join("garbage");
        std::fs::create_dir_all(&dir).unwrap();
        for f in std::fs::read_dir(fixture("tiny")).unwrap() {
            let p = f.unwrap().path();
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
        std::fs::remove_file(dir.join("memberships.csv")).unwrap();
        std::fs::write(dir.join("memberships.parquet"), b"PAR1 not really PAR1").unwrap();
        let err = stderr(&run(&["validate", s(&dir)], 1));
        assert!(
            err.contains("memberships.parquet: cannot read the Parquet file: "),
            "{err}"
        );
        std::fs::copy(
            fixture("tiny").join("memberships.csv"),
            dir.join("memberships.csv"),
        )
        .unwrap();
        let err = stderr(&run(&["validate", s(&dir)], 1));
        assert!(
            err.contains("given twice: memberships.csv and memberships.parquet; keep one"),
            "{err}"
        );
        // One Parquet file is not a dataset.
        let err = stderr(&run(
            &[
                "validate",
                s(&fixture("parquet").join("typed/memberships.parquet")),
            ],
            1,
        ));
        assert!(err.contains("a Parquet file holds one table"), "{err}");
    }
}

#[cfg(not(feature = "parquet"))]
mod without_the_feature {
    use super::*;

    #[test]
    fn parquet_is_refused_naming_the_feature() {
        let tmp = tempfile::tempdir().unwrap();
        let o = run(
            &[
                "analyze",
                s(&fixture("tiny")),
                "--out",
                s(&tmp.path().join("out")),
                "--parquet",
            ],
            2,
        );
        let err = stderr(&o);
        assert!(
            err.contains("--parquet: this consortia was built without the `parquet` feature")
                && err.contains("cargo build --release"),
            "{err}"
        );
        let o = run(
            &[
                "analyze",
                s(&fixture("parquet").join("typed")),
                "--out",
                s(&tmp.path().join("out")),
            ],
            1,
        );
        let err = stderr(&o);
        assert!(
            err.contains("organizations.parquet: cannot read a Parquet file: this consortia was built without the `parquet` feature"),
            "{err}"
        );
        // Everything else works: CSV in, CSV out.
        analyze(&fixture("tiny"), &tmp.path().join("csv"), &[]);
        assert!(tables(&tmp.path().join("csv"), "parquet").is_empty());
        assert!(!tables(&tmp.path().join("csv"), "csv").is_empty());
    }
}
