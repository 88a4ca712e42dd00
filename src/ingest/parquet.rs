//! A Parquet file (`memberships.parquet` in place of `memberships.csv`, read by polars)
//! → the same [`RawTable`] a CSV file or a sheet becomes, so one validation serves all.
//!
//! Each cell becomes the typed cell a workbook would hold, then the text the contract
//! expects ([`super::typed`]): text as written (trimmed); integers in decimal; floats as
//! their integer text when whole, else the shortest text that reads back the same; dates
//! (`date32`, or a timestamp without a time zone: its calendar day) as YYYY-MM-DD; booleans
//! as true/false in a true/false column; categorical (dictionary) columns as their text;
//! nulls as empty. Rows are numbered as in a CSV file of the same table: header = row 1,
//! the first data row = row 2. A timestamp with a time zone, or a nested, binary or other
//! type in a contract column, is a problem naming the column (the table is then
//! unusable); in an extra column it is ignored. A file that is not Parquet is a problem,
//! never a panic. Without the `parquet` feature, reading is a problem that names it.

use super::columns::ColumnMap;
use super::contract::Table;
use super::table::RawTable;
use crate::error::Problem;

/// The extension of Parquet tables.
pub const EXTENSION: &str = "parquet";

/// Whether a file name is a Parquet file (`.parquet`, any ASCII case).
pub fn is_parquet(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && ext.eq_ignore_ascii_case(EXTENSION))
}

/// Read the bytes of a Parquet file as contract table `table`: headers mapped, cells
/// turned into text. Problems and warnings go under the table's file name (the caller
/// names the file). Returns the table and its renamed headers; `None` when unusable.
#[cfg(feature = "parquet")]
pub fn read(
    bytes: Vec<u8>,
    table: &Table,
    map: &ColumnMap,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Option<(RawTable, Vec<(String, String)>)> {
    use polars::prelude::*;

    // The schema first: columns of a type polars cannot hold here are left out, and
    // reported below when they are contract columns.
    let read = std::panic::catch_unwind(|| {
        let mut reader = ParquetReader::new(std::io::Cursor::new(bytes));
        let schema = reader.schema()?;
        let mut keep = Vec::new();
        let mut left_out = Vec::new();
        for (i, (name, field)) in schema.iter().enumerate() {
            match cells::readable(&field.dtype) {
                Ok(()) => keep.push(i),
                Err(why) => left_out.push((name.to_string(), why)),
            }
        }
        let df = reader.with_projection(Some(keep)).finish()?;
        PolarsResult::Ok((df, left_out))
    });
    let (df, left_out) = match read {
        Ok(Ok(read)) => read,
        failed => {
            let why = match failed {
                Ok(Err(e)) => e.to_string(),
                _ => "the file is malformed".to_string(),
            };
            problems.push(Problem::in_file(
                table.file,
                format!("cannot read the Parquet file: {why}"),
            ));
            return None;
        }
    };
    let mut given = Vec::with_capacity(df.width());
    let mut columns = Vec::with_capacity(df.width());
    let mut usable = true;
    for (name, why) in &left_out {
        if let Some(contract) = super::columns::column_for(table, map, name) {
            problems.push(Problem::at(table.file, 1, contract, why));
            usable = false;
        }
    }
    for column in df.columns() {
        let name = super::table::trim_cell(column.name().as_str()).to_string();
        let series = column.as_materialized_series();
        match cells::of(series) {
            Ok(cells) => columns.push(cells),
            Err(why) => {
                if let Some(contract) = super::columns::column_for(table, map, &name) {
                    problems.push(Problem::at(table.file, 1, contract, why));
                    usable = false;
                }
                columns.push(vec![calamine::Data::Empty; df.height()]);
            }
        }
        given.push(name);
    }
    if !usable {
        return None;
    }
    // Row-major, moving each cell out of its column once.
    let rows = (0..df.height()).map(|i| {
        let cells: Vec<calamine::Data> = columns
            .iter_mut()
            .map(|c| std::mem::take(&mut c[i]))
            .collect();
        (i as u64 + 2, cells)
    });
    Some(super::typed::table(
        table,
        map,
        1,
        given,
        rows,
        "before the file was written",
        problems,
        warnings,
    ))
}

/// Without the `parquet` feature: a problem naming it.
#[cfg(not(feature = "parquet"))]
pub fn read(
    _bytes: Vec<u8>,
    table: &Table,
    _map: &ColumnMap,
    problems: &mut Vec<Problem>,
    _warnings: &mut Vec<Problem>,
) -> Option<(RawTable, Vec<(String, String)>)> {
    problems.push(Problem::in_file(
        table.file,
        format!(
            "cannot read a Parquet file: {} (or save the table as {})",
            crate::config::PARQUET_MISSING,
            table.file
        ),
    ));
    None
}

/// A polars column → the typed cells [`super::typed`] reads.
#[cfg(feature = "parquet")]
mod cells {
    use calamine::Data;
    use polars::prelude::*;

    /// The cells of `s`, or why its type cannot be read.
    pub fn of(s: &Series) -> Result<Vec<Data>, String> {
        let err = |e: PolarsError| e.to_string();
        let text = |v: Option<&str>| v.map_or(Data::Empty, |s| Data::String(s.to_string()));
        Ok(match s.dtype() {
            DataType::Null => vec![Data::Empty; s.len()],
            DataType::String => s.str().map_err(err)?.iter().map(text).collect(),
            DataType::Boolean => s
                .bool()
                .map_err(err)?
                .iter()
                .map(|v| v.map_or(Data::Empty, Data::Bool))
                .collect(),
            DataType::UInt64 => s
                .u64()
                .map_err(err)?
                .iter()
                .map(|v| match v.map(i64::try_from) {
                    None => Data::Empty,
                    Some(Ok(i)) => Data::Int(i),
                    Some(Err(_)) => Data::String(v.unwrap_or_default().to_string()),
                })
                .collect(),
            d if d.is_integer() => s
                .cast(&DataType::Int64)
                .map_err(err)?
                .i64()
                .map_err(err)?
                .iter()
                .map(|v| v.map_or(Data::Empty, Data::Int))
                .collect(),
            d if d.is_float() => s
                .cast(&DataType::Float64)
                .map_err(err)?
                .f64()
                .map_err(err)?
                .iter()
                .map(|v| v.map_or(Data::Empty, Data::Float))
                .collect(),
            DataType::Date => s
                .date()
                .map_err(err)?
                .physical()
                .iter()
                .map(|v| v.map_or(Data::Empty, |d| Data::DateTimeIso(ymd(d as i64))))
                .collect(),
            DataType::Datetime(unit, None) => {
                let per_day: i64 = match unit {
                    TimeUnit::Nanoseconds => 86_400_000_000_000,
                    TimeUnit::Microseconds => 86_400_000_000,
                    TimeUnit::Milliseconds => 86_400_000,
                };
                s.datetime()
                    .map_err(err)?
                    .physical()
                    .iter()
                    .map(|v| {
                        v.map_or(Data::Empty, |t| {
                            Data::DateTimeIso(ymd(t.div_euclid(per_day)))
                        })
                    })
                    .collect()
            }
            DataType::Datetime(_, Some(tz)) => {
                return Err(format!(
                    "timestamps with a time zone ({tz}) are not read (their calendar day \
                     depends on the zone): store the dates as date or as text YYYY-MM-DD"
                ))
            }
            DataType::Categorical(..) | DataType::Enum(..) => s
                .cast(&DataType::String)
                .map_err(err)?
                .str()
                .map_err(err)?
                .iter()
                .map(text)
                .collect(),
            other => {
                return Err(format!(
                    "a column of type {other} is not read: store it as text, a number, a date \
                     or a boolean"
                ))
            }
        })
    }

    /// Whether a column of Arrow type `dtype` is read ([`of`] turns it into cells), or
    /// why not.
    pub fn readable(dtype: &ArrowDataType) -> Result<(), String> {
        use ArrowDataType as A;
        let text = |d: &A| matches!(d, A::Utf8 | A::LargeUtf8 | A::Utf8View);
        let what = match dtype {
            A::Null | A::Boolean | A::Float32 | A::Float64 | A::Date32 | A::Date64 => return Ok(()),
            A::Int8 | A::Int16 | A::Int32 | A::Int64 => return Ok(()),
            A::UInt8 | A::UInt16 | A::UInt32 | A::UInt64 => return Ok(()),
            A::Timestamp(..) => return Ok(()),
            d if text(d) => return Ok(()),
            A::Dictionary(_, values, _) if text(values) => return Ok(()),
            A::Dictionary(..) => "dictionary of non-text values",
            A::Int128 | A::UInt128 => "128-bit integer",
            A::Float16 => "16-bit float",
            A::Decimal(..) | A::Decimal32(..) | A::Decimal64(..) | A::Decimal256(..) => "decimal",
            A::Time32(_) | A::Time64(_) => "time of day",
            A::Duration(_) | A::Interval(_) => "duration",
            A::Binary | A::LargeBinary | A::BinaryView | A::FixedSizeBinary(_) => "binary",
            A::List(_) | A::LargeList(_) | A::FixedSizeList(..) => "list",
            A::Struct(_) | A::Map(..) | A::Union(_) => "nested",
            _ => "unknown",
        };
        Err(format!(
            "a column of {what} type is not read: store it as text, a number, a date or a boolean"
        ))
    }

    /// The calendar date `days` after 1970-01-01, as YYYY-MM-DD (proleptic Gregorian;
    /// H. Hinnant's `civil_from_days`).
    pub fn ymd(days: i64) -> String {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        format!("{y:04}-{m:02}-{d:02}")
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn days_become_calendar_dates() {
            assert_eq!(ymd(0), "1970-01-01");
            assert_eq!(ymd(-1), "1969-12-31");
            assert_eq!(ymd(19_522), "2023-06-14");
            assert_eq!(ymd(11_016), "2000-02-29");
            assert_eq!(ymd(-25_567), "1900-01-01");
            assert_eq!(ymd(2_932_896), "9999-12-31");
        }

        #[test]
        fn types_read_and_types_refused() {
            use ArrowDataType as A;
            for ok in [
                A::Int16,
                A::UInt8,
                A::LargeUtf8,
                A::Date64,
                DataType::Datetime(TimeUnit::Microseconds, None).to_arrow(CompatLevel::newest()),
            ] {
                assert_eq!(readable(&ok), Ok(()), "{ok:?}");
            }
            assert_eq!(
                readable(&A::Decimal(10, 2)).unwrap_err(),
                "a column of decimal type is not read: store it as text, a number, a date or a boolean"
            );
            assert!(readable(&A::Binary).unwrap_err().contains("binary"));
        }

        #[test]
        fn columns_become_typed_cells() {
            let ints = Series::new("n".into(), [Some(7i32), None]);
            assert_eq!(of(&ints).unwrap(), [Data::Int(7), Data::Empty]);
            let floats = Series::new("x".into(), [Some(1200.5f64), Some(2.0)]);
            assert_eq!(
                of(&floats).unwrap(),
                [Data::Float(1200.5), Data::Float(2.0)]
            );
            let text = Series::new("t".into(), [Some("苏州"), None]);
            assert_eq!(
                of(&text).unwrap(),
                [Data::String("苏州".into()), Data::Empty]
            );
            let days = Series::new("d".into(), [Some(19_522i32), None])
                .cast(&DataType::Date)
                .unwrap();
            assert_eq!(
                of(&days).unwrap(),
                [Data::DateTimeIso("2023-06-14".into()), Data::Empty]
            );
            // 2023-06-14 23:59:59.999999 as microseconds: still the 14th.
            let stamp = Series::new("s".into(), [1_686_787_199_999_999i64])
                .cast(&DataType::Datetime(TimeUnit::Microseconds, None))
                .unwrap();
            assert_eq!(
                of(&stamp).unwrap(),
                [Data::DateTimeIso("2023-06-14".into())]
            );
            let small = Series::new("i".into(), [Some(-3i16), None]);
            assert_eq!(of(&small).unwrap(), [Data::Int(-3), Data::Empty]);
            let big = Series::new("u".into(), [u64::MAX]);
            assert_eq!(
                of(&big).unwrap(),
                [Data::String("18446744073709551615".into())]
            );
        }
    }
}
