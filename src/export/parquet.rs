//! A [`Table`] as a Parquet file (`analyze --parquet`): the same rows and columns as its
//! CSV, each column typed by its [`ColumnKind`] — Integer → Int64, Float → Float64,
//! Boolean → Boolean, Text → String — with empty cells as nulls. Text is the data as
//! given: the formula guard of [`crate::output::text`] is a CSV concern (a spreadsheet
//! opening the file), so it is not applied here.
//!
//! Written with polars (behind the `parquet` feature), Snappy-compressed, in one row group
//! per 262,144 rows, with no timestamp: the same table gives the same bytes on every run
//! and at any thread count. Builds bytes and writes nothing; the staging folder stores
//! them. Without the feature, [`bytes`] says how to build it.

use crate::output::Table;

/// The file name of a table's Parquet twin: `org_centrality.csv` → `org_centrality.parquet`.
pub fn file_name(table: &Table) -> String {
    let stem = table.file.strip_suffix(".csv").unwrap_or(table.file);
    format!("{stem}.parquet")
}

/// The table as Parquet bytes, or why not (a cell that does not read as its column's
/// kind — a bug in the table — or a binary built without the `parquet` feature).
#[cfg(feature = "parquet")]
pub fn bytes(table: &Table) -> Result<Vec<u8>, String> {
    use polars::prelude::*;

    let fail = |e: PolarsError| format!("{}: cannot write Parquet: {e}", file_name(table));
    let columns = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, (name, kind))| column(table, c, name, *kind).map(Column::from))
        .collect::<Result<Vec<_>, _>>()?;
    let mut df = DataFrame::new(table.rows.len(), columns).map_err(fail)?;
    let mut out = Vec::new();
    ParquetWriter::new(&mut out)
        .with_compression(ParquetCompression::Snappy)
        .finish(&mut df)
        .map_err(fail)?;
    Ok(out)
}

/// Without the `parquet` feature: the error, naming the feature.
#[cfg(not(feature = "parquet"))]
pub fn bytes(table: &Table) -> Result<Vec<u8>, String> {
    Err(format!(
        "cannot write {}: {}",
        file_name(table),
        crate::config::PARQUET_MISSING
    ))
}

/// Column `c` of `table` as a typed series.
#[cfg(feature = "parquet")]
fn column(
    table: &Table,
    c: usize,
    name: &str,
    kind: crate::output::ColumnKind,
) -> Result<polars::prelude::Series, String> {
    use crate::output::ColumnKind;
    use polars::prelude::*;

    let cells = table.rows.iter().map(|r| r[c].as_str());
    let name = PlSmallStr::from_str(name);
    // A cell of a typed column that does not parse is a bug in the table's kinds.
    let bad = |row: usize, cell: &str| {
        format!(
            "{}: row {}, column {}: '{cell}' is not {}",
            table.file,
            row + 2,
            table.columns[c].0,
            match kind {
                ColumnKind::Integer => "an integer",
                ColumnKind::Float => "a number",
                ColumnKind::Boolean => "true or false",
                ColumnKind::Text => "text",
            }
        )
    };
    fn typed<T: std::str::FromStr>(
        cells: impl Iterator<Item = impl AsRef<str>>,
        bad: impl Fn(usize, &str) -> String,
    ) -> Result<Vec<Option<T>>, String> {
        cells
            .enumerate()
            .map(|(i, cell)| {
                let cell = cell.as_ref();
                if cell.is_empty() {
                    Ok(None)
                } else {
                    cell.parse().map(Some).map_err(|_| bad(i, cell))
                }
            })
            .collect()
    }
    Ok(match kind {
        ColumnKind::Integer => Series::new(name, typed::<i64>(cells, bad)?),
        ColumnKind::Float => Series::new(name, typed::<f64>(cells, bad)?),
        ColumnKind::Boolean => Series::new(name, typed::<bool>(cells, bad)?),
        ColumnKind::Text => Series::new(
            name,
            cells
                .map(|s| (!s.is_empty()).then_some(s))
                .collect::<Vec<Option<&str>>>(),
        ),
    })
}

#[cfg(all(test, feature = "parquet"))]
mod tests {
    use super::*;
    use crate::output::ColumnKind::{Boolean, Float, Integer, Text};
    use polars::prelude::*;

    fn sample() -> Table {
        let mut t = Table::new(
            "sample.csv",
            &[("id", Text), ("n", Integer), ("x", Float), ("ok", Boolean)],
        );
        for row in [
            ["=HYPERLINK(\"x\")", "3", "0.1", "true"],
            ["苏州", "", "", ""],
            ["", "-7", "1e-7", "false"],
        ] {
            t.rows.push(row.iter().map(|s| s.to_string()).collect());
        }
        t
    }

    fn read(bytes: Vec<u8>) -> DataFrame {
        ParquetReader::new(std::io::Cursor::new(bytes))
            .finish()
            .unwrap()
    }

    #[test]
    fn typed_columns_nulls_and_text_as_given() {
        let df = read(bytes(&sample()).unwrap());
        assert_eq!(df.shape(), (3, 4));
        let dtypes: Vec<DataType> = df.dtypes();
        assert_eq!(
            dtypes,
            [
                DataType::String,
                DataType::Int64,
                DataType::Float64,
                DataType::Boolean
            ]
        );
        let id: Vec<Option<&str>> = df.column("id").unwrap().str().unwrap().iter().collect();
        // No formula guard: the text is the data's.
        assert_eq!(id, [Some("=HYPERLINK(\"x\")"), Some("苏州"), None]);
        let n: Vec<Option<i64>> = df.column("n").unwrap().i64().unwrap().iter().collect();
        assert_eq!(n, [Some(3), None, Some(-7)]);
        let x: Vec<Option<f64>> = df.column("x").unwrap().f64().unwrap().iter().collect();
        assert_eq!(x, [Some(0.1), None, Some(1e-7)]);
        let ok: Vec<Option<bool>> = df.column("ok").unwrap().bool().unwrap().iter().collect();
        assert_eq!(ok, [Some(true), None, Some(false)]);
    }

    #[test]
    fn same_bytes_every_time_and_header_only_tables() {
        assert_eq!(bytes(&sample()).unwrap(), bytes(&sample()).unwrap());
        let mut empty = sample();
        empty.rows.clear();
        let df = read(bytes(&empty).unwrap());
        assert_eq!(df.shape(), (0, 4));
        assert_eq!(df.dtypes()[1], DataType::Int64);
        assert_eq!(file_name(&empty), "sample.parquet");
    }

    #[test]
    fn a_cell_of_the_wrong_kind_is_an_error() {
        let mut t = sample();
        t.rows[1][1] = "2.5".into();
        assert_eq!(
            bytes(&t).unwrap_err(),
            "sample.csv: row 3, column n: '2.5' is not an integer"
        );
    }
}
