//! Bytes → UTF-8 text, detecting the encoding without a flag.
//!
//! The contract: a file that is valid UTF-8 (after an optional BOM) is UTF-8; otherwise it
//! is GB18030/GBK as Excel on a Chinese system writes it. Never the other way round:
//! GB18030 accepts almost any byte string and would silently mis-decode UTF-8. UTF-16
//! (Excel's "Unicode text") is refused with advice. This module knows nothing of CSV.

use crate::dataset::Encoding;

/// Why a file's bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file is UTF-16 (BOM or NUL-byte pattern).
    Utf16,
    /// Neither UTF-8 nor GB18030: the first undecodable byte offset.
    Undecodable(usize),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Utf16 => f.write_str(
                "the file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" instead",
            ),
            DecodeError::Undecodable(at) => write!(
                f,
                "the file is neither UTF-8 nor GB18030/GBK (undecodable bytes near byte {at}); save it as \"CSV UTF-8\""
            ),
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decode a whole file. Returns the text and the encoding detected.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if looks_like_utf16(bytes) {
        return Err(DecodeError::Utf16);
    }
    let (body, bom) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok((
            text.to_string(),
            if bom {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            },
        )),
        Err(e) if bom => Err(DecodeError::Undecodable(e.valid_up_to() + UTF8_BOM.len())),
        Err(_) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
            if had_errors {
                let at = text
                    .char_indices()
                    .find(|&(_, c)| c == '\u{FFFD}')
                    .map(|(i, _)| i)
                    .unwrap_or(0);
                return Err(DecodeError::Undecodable(at));
            }
            Ok((text.into_owned(), Encoding::Gb18030))
        }
    }
}

/// UTF-16 by BOM, or by the NUL bytes that ASCII text in UTF-16 is full of.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(512)];
    head.len() >= 2 && head.iter().filter(|&&b| b == 0).count() * 4 >= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(
            decode("a,苏州".as_bytes()).unwrap(),
            ("a,苏州".to_string(), Encoding::Utf8)
        );
        let mut b = UTF8_BOM.to_vec();
        b.extend_from_slice("a,苏州".as_bytes());
        assert_eq!(
            decode(&b).unwrap(),
            ("a,苏州".to_string(), Encoding::Utf8Bom)
        );
    }

    #[test]
    fn gb18030_detected_and_decoded() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("org_id,name\nx,苏州长光华芯光电技术\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Gb18030);
        assert_eq!(text, "org_id,name\nx,苏州长光华芯光电技术\n");
    }

    #[test]
    fn utf16_refused() {
        let mut b = vec![0xFF, 0xFE];
        for u in "org_id,name".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b), Err(DecodeError::Utf16));
        // Without a BOM, the NUL bytes give it away.
        assert_eq!(decode(&b[2..]), Err(DecodeError::Utf16));
    }

    #[test]
    fn bom_then_invalid_utf8_is_an_error() {
        let b = [0xEF, 0xBB, 0xBF, b'a', 0xFF];
        assert!(matches!(decode(&b), Err(DecodeError::Undecodable(4))));
    }
}
