//! A value's scalars with their paths, as `serde_json::to_value` would give them, without
//! building the value: `indicators.xlsx` takes its columns from the fields of
//! `indicators.json` (so a figure the JSON gains is a column too), and made a JSON value
//! of each report three times for it, a third of the workbook's time.
//!
//! Objects (structs, maps) are flattened into paths of their keys; arrays are left out,
//! as the workbook writes them apart (a report's targets) or not at all. A scalar is
//! what `serde_json` would make of it: a float that is not finite is `null`, an enum's
//! unit variant its name, a date its text.

use serde::ser::{self, Impossible, Serialize};
use std::fmt;

/// A scalar of a serialized value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    Int(i64),
    /// A whole number past `i64`.
    Big(u64),
    Float(f64),
    Text(&'a str),
}

/// Where a scalar is: the keys from the top, kept in one string.
#[derive(Default)]
pub struct Path {
    text: String,
    /// Where each key starts in `text`.
    starts: Vec<usize>,
}

/// What separates two keys in [`Path::joined`]: a character no field name holds.
pub const SEPARATOR: char = '\u{1f}';

impl Path {
    /// The keys joined by [`SEPARATOR`].
    pub fn joined(&self) -> &str {
        &self.text
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.text.split(SEPARATOR)
    }

    pub fn last(&self) -> &str {
        self.starts.last().map_or("", |&s| &self.text[s..])
    }

    pub fn first(&self) -> &str {
        self.text.split(SEPARATOR).next().unwrap_or("")
    }

    fn push(&mut self, key: &str) {
        if !self.starts.is_empty() {
            self.text.push(SEPARATOR);
        }
        self.starts.push(self.text.len());
        self.text.push_str(key);
    }

    fn pop(&mut self) {
        if let Some(start) = self.starts.pop() {
            self.text.truncate(start.saturating_sub(1));
        }
    }
}

/// Calls `visit` with the path and value of every scalar of `value`, in the order
/// `serde_json` writes them. A value that is not an object gives nothing.
pub fn scalars<T: Serialize + ?Sized>(value: &T, visit: &mut dyn FnMut(&Path, Scalar<'_>)) {
    let mut walker = Walker { path: Path::default(), scratch: String::new(), visit };
    // Not an object, or a map key that is not text: nothing (more) to flatten.
    let _ = value.serialize(Top(&mut walker));
}

struct Walker<'v> {
    path: Path,
    /// A value written with `collect_str` (a date), reused.
    scratch: String,
    visit: &'v mut dyn FnMut(&Path, Scalar<'_>),
}

impl Walker<'_> {
    fn scalar(&mut self, scalar: Scalar<'_>) {
        (self.visit)(&self.path, scalar);
    }
}

#[derive(Debug)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not an object")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Error
    }
}

/// The top level: only an object has scalars with paths.
struct Top<'w, 'v>(&'w mut Walker<'v>);

/// A value at a path.
struct At<'w, 'v>(&'w mut Walker<'v>);

/// An object's fields or entries, each at its key.
struct Fields<'w, 'v> {
    walker: &'w mut Walker<'v>,
    /// The key of a map entry, between `serialize_key` and `serialize_value`.
    key: Option<String>,
}

impl Fields<'_, '_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.walker.path.push(key);
        let done = value.serialize(At(self.walker));
        self.walker.path.pop();
        done
    }
}

/// An array's elements, or anything else left out.
struct Skipped;

macro_rules! scalar_methods {
    ($($method:ident($t:ty) => |$v:ident| $scalar:expr;)*) => {
        $(fn $method(self, $v: $t) -> Result<(), Error> {
            self.0.scalar($scalar);
            Ok(())
        })*
    };
}

impl<'w, 'v> ser::Serializer for At<'w, 'v> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Skipped;
    type SerializeTuple = Skipped;
    type SerializeTupleStruct = Skipped;
    type SerializeTupleVariant = Skipped;
    type SerializeMap = Fields<'w, 'v>;
    type SerializeStruct = Fields<'w, 'v>;
    type SerializeStructVariant = Fields<'w, 'v>;

    scalar_methods! {
        serialize_bool(bool) => |v| Scalar::Bool(v);
        serialize_i8(i8) => |v| Scalar::Int(v.into());
        serialize_i16(i16) => |v| Scalar::Int(v.into());
        serialize_i32(i32) => |v| Scalar::Int(v.into());
        serialize_i64(i64) => |v| Scalar::Int(v);
        serialize_u8(u8) => |v| Scalar::Int(v.into());
        serialize_u16(u16) => |v| Scalar::Int(v.into());
        serialize_u32(u32) => |v| Scalar::Int(v.into());
        serialize_u64(u64) => |v| i64::try_from(v).map_or(Scalar::Big(v), Scalar::Int);
        serialize_f32(f32) => |v| if v.is_finite() { Scalar::Float(v.into()) } else { Scalar::Null };
        serialize_f64(f64) => |v| if v.is_finite() { Scalar::Float(v) } else { Scalar::Null };
        serialize_str(&str) => |v| Scalar::Text(v);
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.scalar(Scalar::Text(v.encode_utf8(&mut [0; 4])));
        Ok(())
    }

    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        let mut text = std::mem::take(&mut self.0.scratch);
        text.clear();
        let _ = fmt::write(&mut text, format_args!("{value}"));
        self.0.scalar(Scalar::Text(&text));
        self.0.scratch = text;
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.0.scalar(Scalar::Null);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.0.scalar(Scalar::Text(variant));
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        Fields { walker: self.0, key: None }.field(variant, value)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Skipped, Error> {
        Ok(Skipped)
    }

    fn serialize_tuple(self, _: usize) -> Result<Skipped, Error> {
        Ok(Skipped)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Skipped, Error> {
        Ok(Skipped)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Skipped, Error> {
        Ok(Skipped)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'w, 'v>, Error> {
        Ok(Fields { walker: self.0, key: None })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'w, 'v>, Error> {
        Ok(Fields { walker: self.0, key: None })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Fields<'w, 'v>, Error> {
        self.0.path.push(variant);
        // The variant's key is taken off again in `SerializeStructVariant::end`.
        Ok(Fields { walker: self.0, key: None })
    }
}

/// The top level is flattened only when it is an object.
impl<'w, 'v> ser::Serializer for Top<'w, 'v> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Fields<'w, 'v>;
    type SerializeStruct = Fields<'w, 'v>;
    type SerializeStructVariant = Fields<'w, 'v>;

    fn serialize_map(self, len: Option<usize>) -> Result<Fields<'w, 'v>, Error> {
        At(self.0).serialize_map(len)
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Fields<'w, 'v>, Error> {
        At(self.0).serialize_struct(name, len)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Fields<'w, 'v>, Error> {
        At(self.0).serialize_struct_variant(name, index, variant, len)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        At(self.0).serialize_newtype_variant(name, index, variant, value)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_bool(self, _: bool) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i8(self, _: i8) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i16(self, _: i16) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i32(self, _: i32) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i64(self, _: i64) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u8(self, _: u8) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u16(self, _: u16) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u32(self, _: u32) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u64(self, _: u64) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_char(self, _: char) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_str(self, _: &str) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
}

impl ser::SerializeStruct for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        self.walker.path.pop();
        Ok(())
    }
}

impl ser::SerializeMap for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(Key)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or(Error)?;
        self.field(&key, value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

macro_rules! skipped {
    ($($trait:ident :: $method:ident),*) => {
        $(impl ser::$trait for Skipped {
            type Ok = ();
            type Error = Error;

            fn $method<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Error> {
                Ok(())
            }

            fn end(self) -> Result<(), Error> {
                Ok(())
            }
        })*
    };
}

skipped!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A map's key as `serde_json` writes it: text, or a number or truth value as text.
struct Key;

impl ser::Serializer for Key {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Impossible<String, Error>;
    type SerializeTuple = Impossible<String, Error>;
    type SerializeTupleStruct = Impossible<String, Error>;
    type SerializeTupleVariant = Impossible<String, Error>;
    type SerializeMap = Impossible<String, Error>;
    type SerializeStruct = Impossible<String, Error>;
    type SerializeStructVariant = Impossible<String, Error>;

    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_bool(self, v: bool) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String, Error> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        value.serialize(self)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<String, Error> {
        Ok(value.to_string())
    }
    fn serialize_f32(self, _: f32) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_f64(self, _: f64) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_none(self) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::{Value, json};

    /// The scalars of a JSON value, the way `Paths::collect` of `out.rs` used to read them.
    fn from_value(value: &Value, prefix: &mut Vec<String>, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(fields) => {
                for (k, v) in fields {
                    prefix.push(k.clone());
                    from_value(v, prefix, out);
                    prefix.pop();
                }
            }
            Value::Array(_) => {}
            scalar => out.push((prefix.join(&SEPARATOR.to_string()), scalar.clone())),
        }
    }

    fn flat<T: Serialize>(value: &T) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        scalars(value, &mut |path, scalar| {
            let v = match scalar {
                Scalar::Null => Value::Null,
                Scalar::Bool(b) => json!(b),
                Scalar::Int(n) => json!(n),
                Scalar::Big(n) => json!(n),
                Scalar::Float(x) => json!(x),
                Scalar::Text(t) => json!(t),
            };
            assert_eq!(path.keys().last(), Some(path.last()));
            out.push((path.joined().to_string(), v));
        });
        out
    }

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
        Wrapped(u8),
        Shaped { a: f64 },
    }

    #[derive(Serialize)]
    struct Sample {
        text: &'static str,
        day: chrono::NaiveDate,
        kind: Kind,
        wrapped: Kind,
        shaped: Kind,
        none: Option<u64>,
        big: u64,
        nan: f64,
        list: Vec<u8>,
        map: std::collections::BTreeMap<String, (bool, char)>,
        nested: Option<std::collections::BTreeMap<u32, Option<f32>>>,
        unit: (),
    }

    #[test]
    fn scalars_are_those_of_the_json_value() {
        let sample = Sample {
            text: "Đảng bộ",
            day: chrono::NaiveDate::from_ymd_opt(2024, 5, 4).unwrap(),
            kind: Kind::Plain,
            wrapped: Kind::Wrapped(3),
            shaped: Kind::Shaped { a: 1.5 },
            none: None,
            big: u64::MAX,
            nan: f64::NAN,
            list: vec![1, 2],
            map: [("b".to_string(), (true, 'x')), ("a".to_string(), (false, 'y'))].into(),
            nested: Some([(7, Some(0.25)), (2, None)].into()),
            unit: (),
        };
        let mut expected = Vec::new();
        from_value(&serde_json::to_value(&sample).unwrap(), &mut Vec::new(), &mut expected);
        assert_eq!(flat(&sample), expected);
        assert!(expected.len() > 8, "{expected:?}");
        assert!(flat(&3).is_empty());
        assert!(flat(&vec![sample]).is_empty());
    }

    #[test]
    fn paths_say_their_keys() {
        let mut seen = Vec::new();
        scalars(&json!({"a": {"bc": 1}, "d": 2}), &mut |path, _| {
            seen.push((path.first().to_string(), path.last().to_string(), path.keys().count()));
        });
        assert_eq!(seen, [("a".into(), "bc".into(), 2), ("d".into(), "d".into(), 1)]);
    }
}
