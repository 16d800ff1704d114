//! JSON parsing that refuses duplicate keys.
//!
//! `serde_json::Value` keeps the last of two equal keys in one object and drops the first
//! without a word, so `{"text": "a", "text": "b"}` would read as the text "b". A record like
//! that is ambiguous (other JSON readers keep the first), so the JSONL corpus reader and the
//! spaCy importer parse with [`from_str`], which makes it an error naming the key. It also
//! names a lone UTF-16 surrogate escape, where serde_json says "unexpected end of hex escape".

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Parses `text` as one JSON value, like `serde_json::from_str::<Value>`, except that an
/// object with the same key twice (at any depth) is an error: ``duplicate key "text" in one
/// object at line 1 column 27``. A `\u` escape of a lone UTF-16 surrogate, which is not a
/// character, is an error that says so and gives its column.
pub(crate) fn from_str(text: &str) -> serde_json::Result<Value> {
    let named = |err| match lone_surrogate(text) {
        Some((escape, column)) => de::Error::custom(format!(
            "the escape {escape} at column {column} is half of a UTF-16 surrogate pair without \
             its other half (a lone surrogate), which is not a Unicode character"
        )),
        None => err,
    };
    serde_json::from_str::<Unique>(text).map(|unique| unique.0).map_err(named)
}

/// Finds the first `\\uXXXX` escape in a JSON line that encodes a lone UTF-16 surrogate (a
/// high surrogate not followed by an escaped low one, or a low one on its own), which JSON
/// parsers reject. Returns the escape as written and its 1-based column (in characters).
fn lone_surrogate(line: &str) -> Option<(&str, usize)> {
    let bytes = line.as_bytes();
    let escape_at = |i: usize| -> Option<u32> {
        let hex = line.get(i + 2..i + 6).filter(|_| bytes.get(i + 1) == Some(&b'u'))?;
        u32::from_str_radix(hex, 16).ok().filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = escape_at(i) else {
            i += 2;
            continue;
        };
        let paired = (0xD800..0xDC00).contains(&unit)
            && escape_at(i + 6).is_some_and(|low| (0xDC00..0xE000).contains(&low));
        if paired {
            i += 12;
        } else if (0xD800..0xE000).contains(&unit) {
            return Some((&line[i..i + 6], line[..i].chars().count() + 1));
        } else {
            i += 6;
        }
    }
    None
}

/// A JSON value read with no duplicate key in any of its objects.
struct Unique(Value);

impl<'de> Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unique, D::Error> {
        deserializer.deserialize_any(UniqueVisitor).map(Unique)
    }
}

/// Builds a [`Value`] as serde_json's own visitor does, checking the keys of each object.
struct UniqueVisitor;

impl<'de> DeserializeSeed<'de> for UniqueVisitor {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(UniqueVisitor)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                let shown = Value::String(key);
                return Err(de::Error::custom(format!("duplicate key {shown} in one object")));
            }
            let value = map.next_value_seed(UniqueVisitor)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_serde_json_parses() {
        let text =
            r#"{"a": [1, -2, 3.5, true, null, "x"], "b": {"c": "d"}, "e": 18446744073709551615}"#;
        assert_eq!(from_str(text).unwrap(), serde_json::from_str::<Value>(text).unwrap());
        for text in ["\"s\"", "1", "[]", "{}", "null"] {
            assert_eq!(from_str(text).unwrap(), serde_json::from_str::<Value>(text).unwrap());
        }
        assert!(from_str("{\"a\": 1,}").is_err());
        assert!(from_str("{\"a\": 1} x").is_err(), "trailing characters");
    }

    #[test]
    fn lone_surrogates_are_named() {
        assert_eq!(lone_surrogate(r#"{"a": "\\ud800", "b": "\u00e9\ud83d\ude00"}"#), None);
        assert_eq!(lone_surrogate(r#""\uD83Dx""#), Some((r"\uD83D", 2)));
        let err = from_str(r#"{"pattern": "Kyiv \udc00"}"#).unwrap_err().to_string();
        assert!(err.starts_with("the escape \\udc00 at column 19 is half of"), "{err}");
    }

    #[test]
    fn duplicate_keys_are_errors_at_any_depth() {
        let err = from_str(r#"{"text": "a", "text": "b"}"#).unwrap_err().to_string();
        assert_eq!(err, "duplicate key \"text\" in one object at line 1 column 20");
        let err = from_str(r#"{"m": [{"k": 1, "k": 2}]}"#).unwrap_err().to_string();
        assert!(err.starts_with("duplicate key \"k\" in one object"), "{err}");
        let err = from_str(r#"{"a\"b": 1, "a\u0022b": 2}"#).unwrap_err().to_string();
        assert!(err.starts_with(r#"duplicate key "a\"b" in one object"#), "escapes: {err}");
        assert!(from_str(r#"{"a": {"k": 1}, "b": {"k": 1}}"#).is_ok(), "one key per object");
    }
}
