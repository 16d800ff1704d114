//! The bad-input matrix (issue 14, item 6): every kind of broken, odd or hostile input, given
//! to every command that reads input, with the exit status and the message each must give,
//! and the promise that a failed run leaves no output behind, half-written or otherwise.
//!
//! One row per input kind. Each cell says what one command does with it: `ok` (exit 0), `none`
//! (exit 1: read, but no actor found) or `fails` (exit 2), with a text that standard error must
//! hold, in which `{input}` stands for the path given on the command line. A failure's message
//! must name the input (and the line, where there is one), and for `extract` and `graph` the
//! same input must be skipped with `--skip-bad-records`, naming it, while the good files are
//! read.
//!
//! Every command runs with an output: `extract -o` and `gazetteer import -o` over an existing
//! file, which a failed run must leave as it was; `graph --out` and `merge --out` into a
//! directory that does not exist, which a failed run must not create. No temporary file may be
//! left in either case.
//!
//! Unix only: the rows make FIFOs, sockets and symbolic links.
#![cfg(unix)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{TempDir, actorgraph, names_in, run, run_stdin};

/// What a command must do with an input.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// Exit 0, with this on standard error (nothing in particular if empty).
    Ok(&'static str),
    /// Exit 1 (no actor found), with this on standard error.
    None(&'static str),
    /// Exit 2, with `actorgraph: ` and this on standard error.
    Fails(&'static str),
    /// The command does not apply to this input.
    Skip,
}

use Want::{Fails, None as NoActor, Ok, Skip};

/// The commands that read input.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cmd {
    Extract,
    Graph,
    Merge,
    Import,
}

/// One input kind and what each command does with it.
struct Row {
    name: &'static str,
    /// Makes the input in the given directory and returns the path to name.
    input: fn(&TempDir) -> PathBuf,
    /// Options for `extract` and `graph`.
    args: &'static [&'static str],
    /// `extract` and `graph` (which read the corpus the same way).
    corpus: Want,
    merge: Want,
    /// `gazetteer import --from spacy` (JSONL).
    import: Want,
}

const TEXT: &str = "Russia met Ukraine in Geneva.\n";
/// The gazetteer `extract` and `graph` use: the actors of `TEXT` (the built-in gazetteer would
/// give the same mentions, but take most of the time of a debug build).
const GAZETTEER: &str = "id\tkind\tlabel\taliases\n\
    RUS\tstate\tRussia\t\n\
    UKR\tstate\tUkraine\t\n\
    geneva\tplace\tGeneva\t\n";
const RECORD: &str = "{\"id\": \"a\", \"text\": \"Russia met Ukraine in Geneva.\"}\n";
/// What merge says of a file that is not JSON.
const NOT_JSON: &str = "{input}:1: not a partial result: expected value at line 1 column 1";
/// What merge says of JSON that is not a partial.
const NOT_PARTIAL: &str = "{input}:1: not a partial result: missing field `format` at line 1";
/// What merge says of JSON that is not a partial, after blank lines.
/// What merge says of a directory: it reads the files in it and names the first that is not
/// a partial.
const IN_DIR: &str = "{input}/";
const NOT_PARTIAL_LATER: &str = "{input}:4: not a partial result: missing field `format`";
/// What the spaCy importer says of a first line that is not UTF-8.
const NOT_UTF8: &str = "{input}:1: invalid UTF-8 (save the file as UTF-8)";
/// What the spaCy importer says of a first line that is not JSON.
const NOT_PATTERN: &str = "{input}:1: invalid JSON: expected value at line 1 column 1";

/// The rows: plain files first, then JSONL records, compression, then what is not a file.
const ROWS: &[Row] = &[
    Row {
        name: "plain text (for comparison)",
        input: |d| d.write("a.txt", TEXT),
        args: &[],
        corpus: Ok(""),
        merge: Fails(NOT_JSON),
        import: Fails(NOT_PATTERN),
    },
    Row {
        name: "invalid UTF-8",
        input: |d| d.write("a.txt", b"Russia met Ukraine \xff\xfe in Geneva.\n"),
        args: &[],
        corpus: Ok("warning: {input}: invalid UTF-8"),
        merge: Fails(NOT_JSON),
        import: Fails(NOT_UTF8),
    },
    Row {
        name: "Latin-1",
        input: |d| d.write("a.txt", b"Russia met Ukraine at the caf\xe9 in Gen\xe8ve.\n"),
        args: &[],
        corpus: Ok("warning: {input}: invalid UTF-8"),
        merge: Fails(NOT_JSON),
        import: Fails(NOT_UTF8),
    },
    Row {
        name: "binary",
        input: |d| {
            let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
            d.write("a.txt", [&b"\x89PNG\r\n\x1a\n"[..], &bytes].concat())
        },
        args: &[],
        corpus: NoActor("warning: {input}: invalid UTF-8"),
        merge: Fails(NOT_JSON),
        import: Fails(NOT_UTF8),
    },
    Row {
        name: "NUL bytes",
        input: |d| d.write("a.txt", "Russia\0met\0Ukraine\0in Geneva.\n"),
        args: &[],
        corpus: Ok(""),
        merge: Fails(NOT_JSON),
        import: Fails(NOT_PATTERN),
    },
    Row {
        name: "empty file",
        input: |d| d.write("a.txt", ""),
        args: &[],
        corpus: NoActor("warning: {input}: empty document"),
        merge: Fails("no partial result in {input}: did every shard fail"),
        import: NoActor(""),
    },
    Row {
        name: "byte order mark, text",
        input: |d| d.write("a.txt", format!("\u{FEFF}{TEXT}")),
        args: &[],
        corpus: Ok(""),
        merge: Fails(NOT_JSON),
        import: Fails(NOT_PATTERN),
    },
    Row {
        name: "byte order mark, JSONL",
        input: |d| d.write("c.jsonl", format!("\u{FEFF}{RECORD}")),
        args: &[],
        corpus: Ok(""),
        merge: Fails(NOT_JSON),
        import: Fails("{input}:1: no \"label\""),
    },
    Row {
        name: "CRLF line ends, text",
        input: |d| d.write("a.txt", "Russia met Ukraine.\r\n\r\nGermany backed Geneva.\r\n"),
        args: &[],
        corpus: Ok(""),
        merge: Fails(NOT_JSON),
        import: Fails(NOT_PATTERN),
    },
    Row {
        name: "CRLF line ends, JSONL",
        input: |d| d.write("c.jsonl", RECORD.replace('\n', "\r\n").repeat(2)),
        args: &[],
        corpus: Ok("warning: {input}:2: duplicate id \"a\""),
        merge: Fails(NOT_PARTIAL),
        import: Fails("{input}:1: no \"label\""),
    },
    Row {
        name: "broken JSON line",
        input: |d| d.write("c.jsonl", format!("{RECORD}{{\"id\": \"b\", \"text\": \"Russia\n")),
        args: &[],
        corpus: Fails("{input}:2: invalid JSON: EOF while parsing a string at line 1 column 27"),
        merge: Fails(NOT_PARTIAL),
        import: Fails("{input}:1: no \"label\""),
    },
    Row {
        name: "JSON that is not an object",
        input: |d| d.write("c.jsonl", "[\"Russia met Ukraine.\"]\n"),
        args: &[],
        corpus: Fails("{input}:1: expected a JSON object"),
        merge: Fails("{input}:1: not a partial result: invalid length 1, expected struct Header"),
        import: Fails("{input}:1: expected a JSON object with \"label\" and \"pattern\""),
    },
    Row {
        name: "missing text field",
        input: |d| d.write("c.jsonl", "{\"id\": \"a\", \"body\": \"Russia met Ukraine.\"}\n"),
        args: &[],
        corpus: Fails("{input}:1: no \"text\" field"),
        merge: Fails(NOT_PARTIAL),
        import: Fails("{input}:1: no \"label\""),
    },
    Row {
        name: "text that is not a string",
        input: |d| d.write("c.jsonl", "{\"id\": \"a\", \"text\": [\"Russia\"]}\n"),
        args: &[],
        corpus: Fails("{input}:1: field \"text\" is not a string"),
        merge: Fails(NOT_PARTIAL),
        import: Fails("{input}:1: no \"label\""),
    },
    Row {
        name: "duplicate key in one object",
        input: |d| {
            d.write(
                "c.jsonl",
                format!("{RECORD}{{\"id\": \"b\", \"text\": \"a\", \"text\": \"b\"}}\n"),
            )
        },
        args: &[],
        corpus: Fails("{input}:2: invalid JSON: duplicate key \"text\" in one object"),
        merge: Fails(NOT_PARTIAL),
        import: Fails("{input}:1: no \"label\""),
    },
    Row {
        name: "duplicate key in a spaCy pattern",
        input: |d| {
            d.write("p.jsonl", "{\"label\": \"ORG\", \"label\": \"GPE\", \"pattern\": \"X\"}\n")
        },
        args: &[],
        corpus: Fails("{input}:1: invalid JSON: duplicate key \"label\" in one object"),
        merge: Fails(NOT_PARTIAL),
        import: Fails("{input}:1: invalid JSON: duplicate key \"label\" in one object"),
    },
    Row {
        name: "JSONL line over the cap",
        input: |d| d.write("c.jsonl", format!("{{\"text\": \"{}\"}}\n", "Russia ".repeat(40))),
        args: &["--max-document-bytes", "100"],
        corpus: Fails("{input}:1: line longer than 100 bytes"),
        merge: Skip,
        import: Skip,
    },
    Row {
        name: "text file over the cap",
        input: |d| d.write("a.txt", TEXT.repeat(10)),
        args: &["--max-document-bytes", "100"],
        corpus: Fails("{input}: a text document larger than 100 bytes (the limit)"),
        merge: Skip,
        import: Skip,
    },
    Row {
        name: "gzip that is not gzip",
        input: |d| d.write("a.txt.gz", TEXT),
        args: &[],
        corpus: Fails("{input}: invalid gzip header"),
        merge: Fails(NOT_JSON),
        // The importer goes by the first bytes, not the name: this file is read as it is.
        import: Fails(NOT_PATTERN),
    },
    Row {
        name: "truncated gzip",
        input: |d| d.write("a.txt.gz", &gzip(TEXT.repeat(50).as_bytes())[..40]),
        args: &[],
        corpus: Fails("{input}: incomplete deflate stream"),
        merge: Fails(NOT_JSON),
        import: Fails("{input}: cannot read line 1: incomplete deflate stream"),
    },
    Row {
        name: "truncated gzip, JSONL",
        input: |d| d.write("c.jsonl.gz", &gzip(RECORD.repeat(50).as_bytes())[..40]),
        args: &[],
        corpus: Fails("{input}:1: incomplete deflate stream"),
        merge: Fails(NOT_JSON),
        import: Skip,
    },
    Row {
        name: "missing file",
        input: |d| d.join("missing.txt"),
        args: &[],
        corpus: Fails("{input}: No such file or directory"),
        merge: Fails("{input}: No such file or directory"),
        import: Fails("{input}: No such file or directory"),
    },
    Row {
        name: "dangling symbolic link",
        input: |d| symlink(d, "missing.txt", "a.txt"),
        args: &[],
        corpus: Fails("{input}: No such file or directory"),
        merge: Fails("{input}: No such file or directory"),
        import: Fails("{input}: No such file or directory"),
    },
    Row {
        name: "dangling symbolic link in a directory",
        input: |d| {
            fs::create_dir(d.join("dir")).unwrap();
            d.write("dir/a.txt", TEXT);
            symlink(d, "missing.txt", "dir/b.txt");
            d.join("dir")
        },
        args: &[],
        corpus: Fails("{input}/b.txt: No such file or directory"),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "unreadable file (a socket)",
        input: |d| socket(d, "a.txt"),
        args: &[],
        corpus: Fails("{input}: No such device or address"),
        merge: Fails("{input}: No such device or address"),
        import: Fails("{input}: No such device or address"),
    },
    Row {
        name: "directory symbolic link cycle",
        input: |d| {
            fs::create_dir_all(d.join("L/a")).unwrap();
            d.write("L/a/x.txt", TEXT);
            symlink(d, "..", "L/a/up");
            d.join("L")
        },
        args: &[],
        corpus: Ok("warning: {input}/a/up: skipped: it leads back to"),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "FIFO, named",
        input: |d| fifo(d, "pipe", Some(TEXT)),
        args: &[],
        corpus: Ok(""),
        merge: Fails(NOT_JSON),
        import: Fails(NOT_PATTERN),
    },
    Row {
        name: "FIFO in a directory",
        input: |d| {
            fs::create_dir(d.join("dir")).unwrap();
            d.write("dir/a.txt", TEXT);
            fifo(d, "dir/b.txt", None);
            d.join("dir")
        },
        args: &[],
        corpus: Ok("warning: {input}/b.txt: skipped: it is a FIFO, not a regular file"),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "socket in a directory",
        input: |d| {
            fs::create_dir(d.join("dir")).unwrap();
            d.write("dir/a.txt", TEXT);
            socket(d, "dir/b.txt");
            d.join("dir")
        },
        args: &[],
        corpus: Ok("warning: {input}/b.txt: skipped: it is a socket, not a regular file"),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "link to a device in a directory",
        input: |d| {
            fs::create_dir(d.join("dir")).unwrap();
            d.write("dir/a.txt", TEXT);
            symlink(d, "/dev/zero", "dir/b.txt");
            d.join("dir")
        },
        args: &[],
        corpus: Ok("warning: {input}/b.txt: skipped: it is a device, not a regular file"),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "device that never ends, named",
        input: |_| PathBuf::from("/dev/zero"),
        args: &["--max-document-bytes", "100"],
        corpus: Fails("{input}: a text document larger than 100 bytes (the limit)"),
        // merge refuses the first byte, a NUL, which no partial holds; import stops at its
        // line cap.
        merge: Fails(NOT_JSON),
        import: Fails("{input}:1: a line longer than 16 MiB (the limit)"),
    },
    Row {
        name: "gzip over the cap once decompressed",
        input: |d| d.write("a.txt.gz", gzip(TEXT.repeat(10).as_bytes())),
        args: &["--max-document-bytes", "100"],
        corpus: Fails("{input}: a text document larger than 100 bytes (the limit)"),
        merge: Fails(NOT_JSON),
        import: Fails("{input}:1: invalid JSON: expected value at line 1 column 1"),
    },
    Row {
        name: "directory symbolic link cycle, two links",
        input: |d| {
            fs::create_dir_all(d.join("L/a")).unwrap();
            d.write("L/a/x.txt", TEXT);
            symlink(d, "..", "L/a/up");
            symlink(d, "../a", "L/a/again");
            d.join("L")
        },
        args: &[],
        corpus: Ok("warning: {input}/a/again: skipped: it leads back to"),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "second link to a directory read already",
        input: |d| {
            fs::create_dir_all(d.join("dir/a")).unwrap();
            d.write("dir/a/x.txt", TEXT);
            symlink(d, "a", "dir/b");
            d.join("dir")
        },
        args: &[],
        corpus: Ok("warning: {input}/b: skipped: it is "),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "link to a directory elsewhere, followed",
        input: |d| {
            fs::create_dir_all(d.join("real")).unwrap();
            d.write("real/x.txt", TEXT);
            fs::create_dir(d.join("dir")).unwrap();
            symlink(d, "../real", "dir/link");
            d.join("dir")
        },
        args: &[],
        // Exit 0: the only text is behind the link.
        corpus: Ok(""),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "empty directory",
        input: |d| {
            fs::create_dir_all(d.join("dir/sub")).unwrap();
            d.write("dir/notes.pdf", "not a corpus file");
            d.join("dir")
        },
        args: &[],
        corpus: NoActor("warning: {input}: no file to read"),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "file name that is not UTF-8",
        input: |d| {
            use std::os::unix::ffi::OsStrExt;
            fs::create_dir(d.join("dir")).unwrap();
            let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
            fs::write(d.join("dir").join(name), TEXT).unwrap();
            d.join("dir")
        },
        args: &[],
        corpus: Ok("warning: {input}/caf\u{FFFD}.txt: the file name is not UTF-8"),
        merge: Fails(IN_DIR),
        import: Fails("{input}: Is a directory"),
    },
    Row {
        name: "lone surrogate escape",
        input: |d| d.write("c.jsonl", "{\"id\": \"a\", \"text\": \"Russia \\ud800.\"}\n"),
        args: &[],
        corpus: Fails("{input}:1: invalid JSON: the escape \\ud800 at column 29 is half of a"),
        merge: Fails(NOT_PARTIAL),
        import: Fails("{input}:1: invalid JSON: the escape \\ud800 at column 29 is half of a"),
    },
    Row {
        name: "duplicate ids",
        input: |d| d.write("c.jsonl", RECORD.repeat(3)),
        args: &[],
        corpus: Ok("warning: {input}:2: duplicate id \"a\" (first seen at {input}:1)"),
        merge: Fails(NOT_PARTIAL),
        import: Fails("{input}:1: no \"label\""),
    },
    Row {
        name: "leading blank lines, then a broken line",
        input: |d| d.write("c.jsonl", format!("\n\n\n{RECORD}{{bad\n")),
        args: &[],
        corpus: Fails("{input}:5: invalid JSON: key must be a string"),
        merge: Fails(NOT_PARTIAL_LATER),
        import: Fails("{input}:4: no \"label\""),
    },
    Row {
        name: "standard input, leading blank lines, then a broken line",
        input: |d| stdin(d, format!("\n\n\n{RECORD}{{bad\n")),
        args: &[],
        corpus: Fails("{input}:5: invalid JSON: key must be a string"),
        merge: Skip,
        import: Skip,
    },
    Row {
        name: "standard input, byte order mark",
        input: |d| stdin(d, format!("\u{FEFF}{RECORD}")),
        args: &[],
        corpus: Ok(""),
        merge: Skip,
        import: Skip,
    },
];

/// Compresses `bytes` with gzip.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Makes `link` in `d`, a symbolic link to `target`, and returns its path.
fn symlink(d: &TempDir, target: &str, link: &str) -> PathBuf {
    std::os::unix::fs::symlink(target, d.join(link)).unwrap();
    d.join(link)
}

/// A Unix socket named `name`, which no one can open as a file, not even root.
fn socket(d: &TempDir, name: &str) -> PathBuf {
    let path = d.join(name);
    // The listener is dropped at once; the socket file stays.
    drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
    path
}

/// Makes the FIFO `name` in `d`. With `text`, a thread writes it into the FIFO once a reader
/// opens it (every command opens its input, so the thread ends).
fn fifo(d: &TempDir, name: &str, text: Option<&'static str>) -> PathBuf {
    let path = d.join(name);
    let made = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
    if let Some(text) = text {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut wtr = fs::OpenOptions::new().write(true).open(path).unwrap();
            let _ = wtr.write_all(text.as_bytes());
        });
    }
    path
}

/// Standard input: writes `text` to the file `stdin` in `d`, which the command is given on its
/// standard input, and returns `-`.
fn stdin(d: &TempDir, text: String) -> PathBuf {
    d.write("stdin", text);
    PathBuf::from("-")
}

/// Runs `command`, with the file `stdin` of `dir` on its standard input if `input` is `-`.
fn run_on(command: &mut Command, input: &Path, dir: &TempDir) -> (i32, String, String) {
    if input == Path::new("-") {
        let text = fs::read(dir.join("stdin")).unwrap();
        return run_stdin(command, &text);
    }
    run(command)
}

/// How messages show `input`: `<stdin>` for `-`.
fn shown(input: &Path) -> String {
    if input == Path::new("-") { "<stdin>".to_string() } else { input.display().to_string() }
}

/// Where a command writes, and what was there before it ran.
struct Output {
    path: PathBuf,
    /// The contents of the output file before the run; `None` for a directory that must not
    /// exist before a run succeeds.
    old: Option<&'static str>,
}

/// `extract` or `graph` with the small gazetteer and the options of `row`.
fn corpus_command(name: &str, row: &Row, dir: &TempDir) -> Command {
    let gaz = dir.write("gazetteer.tsv", GAZETTEER);
    let mut command = actorgraph();
    command.args([name, "--no-default-gazetteer", "-g"]).arg(gaz).args(row.args);
    command
}

/// The command line of `cmd` on `input`, and its output.
fn command(cmd: Cmd, row: &Row, input: &Path, dir: &TempDir) -> (Command, Output) {
    let mut command = match cmd {
        Cmd::Extract => corpus_command("extract", row, dir),
        Cmd::Graph => corpus_command("graph", row, dir),
        Cmd::Merge | Cmd::Import => actorgraph(),
    };
    let output = match cmd {
        Cmd::Extract => {
            command.arg("-o").arg(dir.join("out.csv"));
            Output { path: dir.write("out.csv", "old\n"), old: Some("old\n") }
        }
        Cmd::Graph => {
            command.arg("--out").arg(dir.join("out/graph"));
            Output { path: dir.join("out/graph"), old: None }
        }
        Cmd::Merge => {
            command.arg("merge").arg("--out").arg(dir.join("out/graph"));
            Output { path: dir.join("out/graph"), old: None }
        }
        Cmd::Import => {
            command.args(["gazetteer", "import", "--from", "spacy", "-o"]).arg(dir.join("out.tsv"));
            Output { path: dir.write("out.tsv", "old\n"), old: Some("old\n") }
        }
    };
    command.arg(input);
    (command, output)
}

/// Checks that a run that exited with `code` left its output whole, or as it was.
fn check_output(cmd: Cmd, out: &Output, code: i32) -> Result<(), String> {
    let shown = out.path.display();
    match (code, out.old) {
        (2, Some(old)) => {
            let now = fs::read_to_string(&out.path).map_err(|e| format!("{shown}: {e}"))?;
            (now == old).then_some(()).ok_or(format!("{shown} was changed: {now:?}"))
        }
        (2, None) => match out.path.parent().filter(|p| p.exists()) {
            Some(parent) => {
                Err(format!("{} was created: {:?}", parent.display(), names_in(parent)))
            }
            None => Result::Ok(()),
        },
        (_, Some(_)) => {
            let now = fs::read_to_string(&out.path).map_err(|e| format!("{shown}: {e}"))?;
            let head = if cmd == Cmd::Extract { "document," } else { "# Imported with" };
            let whole = now.starts_with(head) && now.ends_with('\n');
            whole.then_some(()).ok_or(format!("{shown} is not a whole output: {now:?}"))
        }
        (_, None) => {
            let names = names_in(&out.path);
            let want = ["actorgraph-manifest.tsv", "edges.csv", "graph.dot", "nodes.csv"];
            (names == want).then_some(()).ok_or(format!("{shown} holds {names:?}"))
        }
    }
}

/// Runs `cmd` on the input of `row` and checks it against `want`. Returns what went wrong.
fn check(row: &Row, cmd: Cmd, want: Want) -> Result<(), String> {
    let dir = TempDir::new("matrix");
    let input = (row.input)(&dir);
    let (mut command, out) = command(cmd, row, &input, &dir);
    let (code, _, stderr) = run_on(&mut command, &input, &dir);
    let (want_code, text) = match want {
        Ok(text) => (0, text.to_string()),
        NoActor(text) => (1, text.to_string()),
        Fails(text) => (2, format!("actorgraph: {text}")),
        Skip => return Result::Ok(()),
    };
    let text = text.replace("{input}", &shown(&input));
    if code != want_code || !stderr.contains(&text) {
        return Err(format!("exit {code} (want {want_code}), want {text:?} in:\n{stderr}"));
    }
    check_output(cmd, &out, code)?;
    let temps: Vec<String> =
        names_in(dir.path()).into_iter().filter(|n| n.starts_with('.')).collect();
    if !temps.is_empty() {
        return Err(format!("temporary files are left: {temps:?}"));
    }
    if cmd == Cmd::Extract && code == 2 {
        check_skipped(row, &input, &text["actorgraph: ".len()..], &dir)?;
    }
    Result::Ok(())
}

/// Checks that `extract --skip-bad-records` skips `input` with the message `text` and reads a
/// good file after it.
fn check_skipped(row: &Row, input: &Path, text: &str, from: &TempDir) -> Result<(), String> {
    let dir = TempDir::new("matrix-skip");
    let good = dir.write("good.txt", TEXT);
    let mut command = corpus_command("extract", row, &dir);
    command.arg("--skip-bad-records").arg(input).arg(&good);
    let (code, stdout, stderr) = run_on(&mut command, input, from);
    let want = format!("warning: {text}");
    if code != 0 || !stderr.contains(&want) || !stderr.contains("(skipped)") {
        return Err(format!("with --skip-bad-records: exit {code}, want {want:?} in:\n{stderr}"));
    }
    let found = stdout.lines().filter(|l| l.starts_with(&*good.to_string_lossy())).count();
    (found == 3).then_some(()).ok_or(format!("the good file is not read: {stdout}"))
}

/// Runs every cell of `row` and returns what went wrong, one message per failing cell.
fn check_row(row: &Row) -> Vec<String> {
    if let Fails(text) = row.corpus {
        assert!(text.starts_with("{input}"), "{}: an error must name the input", row.name);
    }
    let cells = [
        (Cmd::Extract, row.corpus),
        (Cmd::Graph, row.corpus),
        (Cmd::Merge, row.merge),
        (Cmd::Import, row.import),
    ];
    let failed = cells.into_iter().filter_map(|(cmd, want)| {
        check(row, cmd, want).err().map(|msg| format!("{} / {cmd:?}: {msg}", row.name))
    });
    failed.collect()
}

/// Bad gazetteer files: the README's malformed lines, and names with no letter or digit (issue
/// 14, item 8: a bare `=` made an entity with an empty name, which matched zero-width text, and
/// the two engines disagreed). A row without its own header gets `id kind label aliases`.
const GAZETTEER_ROWS: &[(&str, &str, &str)] = &[
    ("a label that is a bare =", "x\tgroup\t=\t\n", "{input}:2: a label marked '=' has no text"),
    ("an alias that is a bare =", "x\tgroup\tX\t=\n", "{input}:2: an alias marked '=' has no text"),
    ("a label that is a dot", "x\tgroup\t.\t\n", "{input}:2: label \".\" has no letter or digit"),
    ("an alias that is a dash", "x\tgroup\tX\tY|-\n", "{input}:2: alias \"-\" has no letter or"),
    ("a label of punctuation", "x\tgroup\t!!\t\n", "{input}:2: label \"!!\" has no letter or"),
    (
        "an adjective of punctuation",
        "id\tkind\tlabel\taliases\tadjectives\nx\tgroup\tX\t\t!!\n",
        "{input}:2: adjective \"!!\" has no letter or digit",
    ),
    ("an empty label", "x\tgroup\t\t\n", "{input}:2: empty label"),
    ("a row with too many cells", "x\tgroup\tX\tY\tZ\n", "{input}:2: 5 cells but the header has 4"),
    ("a row with too few cells", "x\tgroup\n", "{input}:2: empty label"),
    ("an id with a space", "x y\tgroup\tX\t\n", "{input}:2: id \"x y\" contains white space"),
    ("an unknown kind", "x\tmonster\tX\t\n", "{input}:2: unknown kind \"monster\""),
    (
        "a duplicate id",
        "x\tgroup\tX\t\nx\tgroup\tY\t\n",
        "{input}:3: duplicate id \"x\" (first defined on line 2)",
    ),
    (
        "a year that is not one",
        "id\tkind\tlabel\tfrom\nx\tgroup\tX\tnever\n",
        "{input}:2: \"never\" is not a year",
    ),
    (
        "no label column",
        "id\tkind\taliases\nx\tgroup\tX\n",
        "{input}:1: the header has no \"label\" column",
    ),
    ("an empty file", "", "{input}: no header line"),
    (
        "a Latin-1 gazetteer",
        "x\tgroup\tCaf\u{e9}\t\n",
        "{input}:2: invalid UTF-8 (save the file as UTF-8)",
    ),
];

/// Runs the gazetteer row `(name, text, want)` through `extract` under both engines, `graph`
/// and `gazetteer check`. Each must exit 2 with `actorgraph: ` and `want`, and leave no output.
fn check_gazetteer((name, text, want): (&str, &str, &str)) -> Vec<String> {
    let mut bytes = if text.is_empty() || text.starts_with("id\t") {
        text.as_bytes().to_vec()
    } else {
        format!("id\tkind\tlabel\taliases\n{text}").into_bytes()
    };
    if name == "a Latin-1 gazetteer" {
        // The one byte of é in Latin-1.
        let at = bytes.windows(2).position(|w| w == "é".as_bytes()).unwrap();
        bytes.splice(at..at + 2, [0xe9]);
    }
    let runs: [(&str, &[&str]); 4] = [
        ("extract", &["--engine", "aho-corasick"]),
        ("extract", &["--engine", "trie"]),
        ("graph", &[]),
        ("check", &[]),
    ];
    let mut failures = Vec::new();
    for (cmd, args) in runs {
        let dir = TempDir::new("matrix-gazetteer");
        let gaz = dir.write("g.tsv", &bytes);
        let mut command = actorgraph();
        let out = match cmd {
            "check" => {
                command.args(["gazetteer", "check"]).arg(&gaz);
                None
            }
            _ => {
                command.args([cmd, "--no-default-gazetteer", "-g"]).arg(&gaz).args(args);
                command.arg(dir.write("a.txt", TEXT));
                let (kind, out) = if cmd == "extract" {
                    let path = dir.write("out.csv", "old\n");
                    command.arg("-o").arg(&path);
                    (Cmd::Extract, Output { path, old: Some("old\n") })
                } else {
                    command.arg("--out").arg(dir.join("out/graph"));
                    (Cmd::Graph, Output { path: dir.join("out/graph"), old: None })
                };
                Some((kind, out))
            }
        };
        let (code, _, stderr) = run(&mut command);
        let want = format!("actorgraph: {}", want.replace("{input}", &gaz.display().to_string()));
        let mut failed = |msg: String| failures.push(format!("{name} / {cmd} {args:?}: {msg}"));
        if code != 2 || !stderr.contains(&want) {
            failed(format!("exit {code} (want 2), want {want:?} in:\n{stderr}"));
            continue;
        }
        if let Some(Err(msg)) = out.map(|(kind, out)| check_output(kind, &out, code)) {
            failed(msg);
        }
        let temps: Vec<String> =
            names_in(dir.path()).into_iter().filter(|n| n.starts_with('.')).collect();
        if !temps.is_empty() {
            failed(format!("temporary files are left: {temps:?}"));
        }
    }
    failures
}

#[test]
fn r14_bad_gazetteer_matrix() {
    let failures: Vec<String> =
        GAZETTEER_ROWS.iter().flat_map(|&row| check_gazetteer(row)).collect();
    assert!(failures.is_empty(), "{} cells fail:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn r14_bad_input_matrix() {
    // Four rows at a time: each cell is a process of its own.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                while let Some(row) =
                    ROWS.get(next.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
                {
                    let failed = check_row(row);
                    failures.lock().unwrap().extend(failed);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} cells fail:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn row_names_are_unique() {
    let mut names: Vec<&str> = ROWS.iter().map(|r| r.name).collect();
    names.extend(GAZETTEER_ROWS.iter().map(|r| r.0));
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ROWS.len() + GAZETTEER_ROWS.len());
}
