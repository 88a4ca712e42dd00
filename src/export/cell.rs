//! How values become CSV cells: shortest round-trip floats, integers without a decimal
//! point, empty for "undefined", and text that spreadsheet software would run as a
//! formula neutralised.

/// Shortest decimal text that parses back to exactly `v` (plain notation from 1e-5 up to
/// 1e16, scientific outside), `-0` written as `0`.
pub fn float(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let a = v.abs();
    if (1e-5..1e16).contains(&a) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// An optional float: empty when undefined.
pub fn opt_float(v: Option<f64>) -> String {
    v.map(float).unwrap_or_default()
}

/// Text from the data, made safe for spreadsheets: a cell starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` so Excel, LibreOffice and Google
/// Sheets show it as text instead of evaluating it (OWASP "CSV injection").
pub fn text(s: &str) -> String {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_trip_shortest() {
        for v in [
            0.1,
            1.0 / 3.0,
            2.0,
            1e-7,
            123456.789,
            5e-324,
            1e300,
            0.000123,
        ] {
            let s = float(v);
            assert_eq!(s.parse::<f64>().unwrap(), v, "{s}");
        }
        assert_eq!(float(0.1), "0.1");
        assert_eq!(float(2.0), "2");
        assert_eq!(float(-0.0), "0");
        assert_eq!(float(1e-7), "1e-7");
        assert_eq!(opt_float(None), "");
    }

    #[test]
    fn formulas_neutralised() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("+86"), "'+86");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("-1+1"), "'-1+1");
        assert_eq!(text("苏州=1"), "苏州=1");
        assert_eq!(text(""), "");
    }
}
