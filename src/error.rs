//! The crate's one error type.
//!
//! Every error that comes from user data (a gazetteer row, a corpus record, a file) names where
//! it came from, so that a message such as `gazetteers/mine.tsv:12: unknown kind "persn"` is
//! enough to find and fix the problem.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// A type alias for `Result<T, actorgraph::Error>`.
pub type Result<T> = std::result::Result<T, Error>;

/// An error that can occur while loading gazetteers, reading a corpus or writing output.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// The specific kind of an [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An I/O error, with the path it concerns when one is known.
    Io {
        /// The file or directory concerned, if known.
        path: Option<PathBuf>,
        /// The underlying error.
        err: io::Error,
    },
    /// A problem in a gazetteer file.
    Gazetteer {
        /// The file (or the name of a built-in gazetteer).
        path: PathBuf,
        /// The 1-based line number, or 0 when the problem concerns the whole file.
        line: u64,
        /// What is wrong.
        msg: String,
    },
    /// A problem in a corpus record, such as a broken JSONL line.
    Corpus {
        /// Where the record came from: a path or `<stdin>`.
        origin: String,
        /// The 1-based line number.
        line: u64,
        /// What is wrong.
        msg: String,
    },
    /// An error while writing CSV.
    Csv(csv::Error),
    /// An error while writing JSON.
    Json(serde_json::Error),
    /// The matcher could not be built (for example, the automaton is too large).
    Build(String),
}

impl Error {
    /// Returns the specific kind of this error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps this error into its specific kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    pub(crate) fn io_at<P: Into<PathBuf>>(path: P, err: io::Error) -> Error {
        Error::new(ErrorKind::Io { path: Some(path.into()), err })
    }

    pub(crate) fn gazetteer<P: Into<PathBuf>, M: Into<String>>(
        path: P,
        line: u64,
        msg: M,
    ) -> Error {
        Error::new(ErrorKind::Gazetteer { path: path.into(), line, msg: msg.into() })
    }

    pub(crate) fn corpus<O: Into<String>, M: Into<String>>(origin: O, line: u64, msg: M) -> Error {
        Error::new(ErrorKind::Corpus { origin: origin.into(), line, msg: msg.into() })
    }

    /// Returns true if this error is a broken pipe, which command-line tools treat as success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&*self.0, ErrorKind::Io { err, .. } if err.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<io::Error> for Error {
    fn from(err: io::Error) -> Error {
        Error::new(ErrorKind::Io { path: None, err })
    }
}

impl From<csv::Error> for Error {
    fn from(err: csv::Error) -> Error {
        if err.is_io_error() {
            if let csv::ErrorKind::Io(io) = err.into_kind() {
                return Error::from(io);
            }
            unreachable!("is_io_error implies an Io kind");
        }
        Error::new(ErrorKind::Csv(err))
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Error {
        if err.is_io() {
            return Error::from(io::Error::from(err));
        }
        Error::new(ErrorKind::Json(err))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io { err, .. } => Some(err),
            ErrorKind::Csv(err) => Some(err),
            ErrorKind::Json(err) => Some(err),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Io { path: Some(path), err } => write!(f, "{}: {}", path.display(), err),
            ErrorKind::Io { path: None, err } => err.fmt(f),
            ErrorKind::Gazetteer { path, line: 0, msg } => write!(f, "{}: {}", path.display(), msg),
            ErrorKind::Gazetteer { path, line, msg } => {
                write!(f, "{}:{}: {}", path.display(), line, msg)
            }
            ErrorKind::Corpus { origin, line, msg } => write!(f, "{}:{}: {}", origin, line, msg),
            ErrorKind::Csv(err) => write!(f, "csv: {}", err),
            ErrorKind::Json(err) => write!(f, "json: {}", err),
            ErrorKind::Build(msg) => write!(f, "cannot build the matcher: {}", msg),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_file_and_line() {
        let err = Error::gazetteer("mine.tsv", 12, "unknown kind \"persn\"");
        assert_eq!(err.to_string(), "mine.tsv:12: unknown kind \"persn\"");
        let err = Error::corpus("news.jsonl", 3, "expected value");
        assert_eq!(err.to_string(), "news.jsonl:3: expected value");
        let err = Error::gazetteer("mine.tsv", 0, "the file has no header");
        assert_eq!(err.to_string(), "mine.tsv: the file has no header");
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let err = Error::from(io::Error::new(io::ErrorKind::BrokenPipe, "pipe"));
        assert!(err.is_broken_pipe());
        assert!(!Error::gazetteer("a", 1, "b").is_broken_pipe());
    }
}
