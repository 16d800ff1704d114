//! Helpers: temporary directories, running the CLI, comparing with golden files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Returns whether a file from ../shared is present. When it is not, the calling test is
/// skipped, unless `ACTORGRAPH_REQUIRE_SHARED` is set (as CI does), which makes it fail.
pub fn shared_present(path: &Path) -> bool {
    if path.exists() {
        return true;
    }
    assert!(
        std::env::var_os("ACTORGRAPH_REQUIRE_SHARED").is_none(),
        "{} is missing and ACTORGRAPH_REQUIRE_SHARED is set",
        path.display()
    );
    eprintln!("skipped: {} is not present", path.display());
    false
}

/// A fresh, empty temporary directory, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!(
            "actorgraph-test-{}-{}-{}",
            std::process::id(),
            n,
            name
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(name);
        fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The `actorgraph` command, run from the repository root.
pub fn actorgraph() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_actorgraph"));
    cmd.current_dir(root());
    cmd
}

/// Runs a command with the given standard input and returns its output.
pub fn run_with_stdin(cmd: &mut Command, stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Runs a command with the given standard input and returns (exit code, stdout, stderr).
pub fn run_stdin(cmd: &mut Command, stdin: &[u8]) -> (i32, String, String) {
    let out = run_with_stdin(cmd, stdin);
    let code = out.status.code().unwrap_or(-1);
    (code, String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The names of the entries of `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {}", dir.display(), e))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs a command and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    (code, String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Checks that a run, as `run` or `run_stdin` return it, exited with `code` (showing its
/// standard error if not), and returns its standard output and standard error.
pub fn exits(code: i32, (got, stdout, stderr): (i32, String, String)) -> (String, String) {
    assert_eq!(got, code, "exit status; standard error:\n{stderr}");
    (stdout, stderr)
}

/// Compares `got` with the golden file `data/expected/NAME`. With `ACTORGRAPH_BLESS=1` in the
/// environment, rewrites the golden file instead (review the diff before committing).
pub fn assert_golden(name: &str, got: &str) {
    let path = root().join("data/expected").join(name);
    if std::env::var_os("ACTORGRAPH_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, got).unwrap();
        return;
    }
    let want = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
    if want != got {
        let diff = first_difference(&want, got);
        panic!(
            "{} differs from the output (rerun with ACTORGRAPH_BLESS=1 to update)\n{}",
            path.display(),
            diff
        );
    }
}

/// Describes the first differing line, for a readable failure.
fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  expected: {}\n  got:      {}", i + 1, w, g);
        }
    }
    format!("expected {} lines, got {}", want.lines().count(), got.lines().count())
}
