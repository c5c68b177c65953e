//! D1 as the storage modules see it: the same calls as workers-rs
//! (`prepare(sql).bind(&[..])?.all().await?.results()`, `first`, `run`, `batch`) with
//! bound values as data ([`Value`]). In the worker every call goes to D1; natively (the
//! `cargo test` tier) the same statements run on in-memory SQLite with the migrations
//! applied, so a wrong column, alias or parameter count fails in seconds, not only in
//! the workerd tier.

/// A bound SQL value. D1 receives numbers as JavaScript numbers (f64).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Number(f64),
    Text(String),
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Number(v)
    }
}

macro_rules! number_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self {
                Value::Number(v as f64)
            }
        }
    )*};
}
number_from!(i32, i64, u32, u8, u16, usize, f32);

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Number(if v { 1.0 } else { 0.0 })
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

#[cfg(target_arch = "wasm32")]
pub use self::d1::*;
#[cfg(not(target_arch = "wasm32"))]
pub use self::sqlite::*;

#[cfg(target_arch = "wasm32")]
mod d1 {
    use super::Value;
    use serde::Deserialize;
    use wasm_bindgen::JsValue;

    pub use worker::{D1ResultMeta, Result};

    /// An error of the storage layer's own (a value that could not be encoded).
    pub fn error(message: impl std::fmt::Display) -> worker::Error {
        worker::Error::RustError(message.to_string())
    }

    impl From<&Value> for JsValue {
        fn from(v: &Value) -> JsValue {
            match v {
                Value::Null => JsValue::NULL,
                Value::Number(n) => JsValue::from_f64(*n),
                Value::Text(s) => JsValue::from_str(s),
            }
        }
    }

    /// The worker's D1 binding.
    pub struct D1Database(worker::D1Database);

    impl D1Database {
        pub fn new(db: worker::D1Database) -> Self {
            D1Database(db)
        }

        pub fn prepare<T: Into<String>>(&self, query: T) -> D1PreparedStatement {
            D1PreparedStatement(self.0.prepare(query))
        }

        pub async fn batch(&self, statements: Vec<D1PreparedStatement>) -> Result<Vec<D1Result>> {
            let inner = statements.into_iter().map(|s| s.0).collect();
            Ok(self
                .0
                .batch(inner)
                .await?
                .into_iter()
                .map(D1Result)
                .collect())
        }
    }

    #[derive(Clone)]
    pub struct D1PreparedStatement(worker::D1PreparedStatement);

    impl D1PreparedStatement {
        pub fn bind(self, values: &[Value]) -> Result<Self> {
            let values: Vec<JsValue> = values.iter().map(JsValue::from).collect();
            Ok(D1PreparedStatement(self.0.bind(&values)?))
        }

        pub async fn first<T: for<'a> Deserialize<'a>>(
            &self,
            col: Option<&str>,
        ) -> Result<Option<T>> {
            self.0.first(col).await
        }

        pub async fn all(&self) -> Result<D1Result> {
            Ok(D1Result(self.0.all().await?))
        }

        pub async fn run(&self) -> Result<D1Result> {
            Ok(D1Result(self.0.run().await?))
        }
    }

    pub struct D1Result(worker::D1Result);

    impl D1Result {
        pub fn results<T: for<'a> Deserialize<'a>>(&self) -> Result<Vec<T>> {
            self.0.results()
        }

        pub fn meta(&self) -> Result<Option<D1ResultMeta>> {
            self.0.meta()
        }
    }
}

/// The same interface on SQLite (rusqlite's bundled engine, which D1 also is), for the
/// native tests. Rows are handed to serde as D1 hands them to the worker: objects of
/// column name to value, numbers as floats.
#[cfg(not(target_arch = "wasm32"))]
mod sqlite {
    use std::rc::Rc;

    use rusqlite::types::ValueRef;
    use serde::Deserialize;
    use serde_json::{Map, Number, Value as Json};

    use super::Value;

    #[derive(Debug)]
    pub struct Error(pub String);

    impl std::fmt::Display for Error {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for Error {}

    pub type Result<T> = std::result::Result<T, Error>;

    fn err(e: impl std::fmt::Display) -> Error {
        Error(e.to_string())
    }

    /// An error of the storage layer's own (a value that could not be encoded).
    pub fn error(message: impl std::fmt::Display) -> Error {
        err(message)
    }

    #[derive(Clone, Debug, Default, Deserialize)]
    pub struct D1ResultMeta {
        pub changes: Option<usize>,
        pub rows_read: Option<usize>,
    }

    pub struct D1Database(Rc<rusqlite::Connection>);

    impl D1Database {
        pub fn new(conn: rusqlite::Connection) -> Self {
            D1Database(Rc::new(conn))
        }

        pub fn connection(&self) -> &rusqlite::Connection {
            &self.0
        }

        pub fn prepare<T: Into<String>>(&self, query: T) -> D1PreparedStatement {
            D1PreparedStatement {
                conn: self.0.clone(),
                sql: query.into(),
                params: Vec::new(),
            }
        }

        /// All or nothing, as D1 runs a batch.
        pub async fn batch(&self, statements: Vec<D1PreparedStatement>) -> Result<Vec<D1Result>> {
            self.0.execute_batch("BEGIN").map_err(err)?;
            let mut out = Vec::new();
            for s in &statements {
                match s.execute() {
                    Ok(r) => out.push(r),
                    Err(e) => {
                        self.0.execute_batch("ROLLBACK").map_err(err)?;
                        return Err(e);
                    }
                }
            }
            self.0.execute_batch("COMMIT").map_err(err)?;
            Ok(out)
        }
    }

    /// A statement as data: its SQL and bound values.
    #[derive(Clone)]
    pub struct D1PreparedStatement {
        conn: Rc<rusqlite::Connection>,
        pub sql: String,
        pub params: Vec<Value>,
    }

    impl D1PreparedStatement {
        /// Refuses a statement whose placeholders do not match its values, as D1 does
        /// (D1 refuses more values than the highest `?N`; fewer leave a NULL silently in
        /// SQLite, a bug D1 would not report either, so both are refused here).
        pub fn bind(mut self, values: &[Value]) -> Result<Self> {
            let stmt = self
                .conn
                .prepare(&self.sql)
                .map_err(|e| err(format!("{e} in: {}", self.sql)))?;
            let wanted = stmt.parameter_count();
            if wanted != values.len() {
                return Err(err(format!(
                    "{} values bound, {wanted} placeholders in: {}",
                    values.len(),
                    self.sql
                )));
            }
            drop(stmt);
            self.params = values.to_vec();
            Ok(self)
        }

        fn execute(&self) -> Result<D1Result> {
            let mut stmt = self
                .conn
                .prepare(&self.sql)
                .map_err(|e| err(format!("{e} in: {}", self.sql)))?;
            let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
            for (i, v) in self.params.iter().enumerate() {
                let n = i + 1;
                let r = match v {
                    Value::Null => stmt.raw_bind_parameter(n, rusqlite::types::Null),
                    Value::Number(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => {
                        stmt.raw_bind_parameter(n, *x as i64)
                    }
                    Value::Number(x) => stmt.raw_bind_parameter(n, *x),
                    Value::Text(s) => stmt.raw_bind_parameter(n, s.as_str()),
                };
                r.map_err(|e| err(format!("{e} in: {}", self.sql)))?;
            }
            let mut rows = stmt.raw_query();
            let mut out = Vec::new();
            while let Some(row) = rows
                .next()
                .map_err(|e| err(format!("{e} in: {}", self.sql)))?
            {
                let mut obj = Map::new();
                for (i, name) in names.iter().enumerate() {
                    let v = match row.get_ref(i).map_err(err)? {
                        ValueRef::Null => Json::Null,
                        ValueRef::Integer(n) => Json::Number(Number::from(n)),
                        ValueRef::Real(x) => Number::from_f64(x).map_or(Json::Null, Json::Number),
                        ValueRef::Text(t) => Json::String(String::from_utf8_lossy(t).into_owned()),
                        ValueRef::Blob(_) => return Err(err("blob columns are not used")),
                    };
                    obj.insert(name.clone(), v);
                }
                out.push(Json::Object(obj));
            }
            drop(rows);
            Ok(D1Result {
                rows: out,
                changes: self.conn.changes() as usize,
            })
        }

        pub async fn first<T: for<'a> Deserialize<'a>>(
            &self,
            col: Option<&str>,
        ) -> Result<Option<T>> {
            let r = self.execute()?;
            match r.rows.into_iter().next() {
                None => Ok(None),
                Some(row) => {
                    let v = match col {
                        Some(c) => row
                            .get(c)
                            .cloned()
                            .ok_or_else(|| err(format!("no column {c}")))?,
                        None => row,
                    };
                    serde_json::from_value(v)
                        .map(Some)
                        .map_err(|e| err(format!("{e} decoding a row of: {}", self.sql)))
                }
            }
        }

        pub async fn all(&self) -> Result<D1Result> {
            self.execute()
        }

        pub async fn run(&self) -> Result<D1Result> {
            self.execute()
        }
    }

    pub struct D1Result {
        pub rows: Vec<Json>,
        changes: usize,
    }

    impl D1Result {
        pub fn results<T: for<'a> Deserialize<'a>>(&self) -> Result<Vec<T>> {
            self.rows
                .iter()
                .map(|r| {
                    serde_json::from_value(r.clone()).map_err(|e| err(format!("{e} decoding {r}")))
                })
                .collect()
        }

        pub fn meta(&self) -> Result<Option<D1ResultMeta>> {
            Ok(Some(D1ResultMeta {
                changes: Some(self.changes),
                rows_read: Some(self.rows.len()),
            }))
        }
    }
}
