//! A little-endian, length-prefixed binary encoding for the compiled-gazetteer cache.
//!
//! Hand-written rather than a serde format crate: the cache holds a few flat arrays and strings,
//! and the reader must refuse any malformed input without panicking, which is easier to see in
//! forty lines than behind a derive. Every read checks its bounds and returns `None` when the
//! input ends early.

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }

    pub(crate) fn bytes(&mut self, v: &[u8]) {
        self.len(v.len());
        self.buf.extend_from_slice(v);
    }

    pub(crate) fn str(&mut self, v: &str) {
        self.bytes(v.as_bytes());
    }

    pub(crate) fn opt_str(&mut self, v: Option<&str>) {
        self.u8(u8::from(v.is_some()));
        if let Some(v) = v {
            self.str(v);
        }
    }

    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// Reads values from a byte slice; every method returns `None` past the end.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.buf.len() {
            return None;
        }
        let (head, tail) = self.buf.split_at(n);
        self.buf = tail;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    pub(crate) fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }

    /// Reads a length, refusing one larger than the bytes left (each item takes at least
    /// `item_size` bytes), so a corrupt length cannot ask for a huge allocation.
    pub(crate) fn len(&mut self, item_size: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(item_size.max(1))? <= self.buf.len()).then_some(n)
    }

    pub(crate) fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len(1)?;
        self.take(n)
    }

    pub(crate) fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    pub(crate) fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    pub(crate) fn opt_string(&mut self) -> Option<Option<String>> {
        if self.bool()? { self.string().map(Some) } else { Some(None) }
    }

    pub(crate) fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len(4)?;
        let bytes = self.take(n * 4)?;
        Some(bytes.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().expect("4"))).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let mut wtr = Writer::default();
        wtr.u8(7);
        wtr.str("Gdańsk");
        wtr.opt_str(None);
        wtr.opt_str(Some("x"));
        wtr.u32s(&[1, u32::MAX]);
        wtr.u64(42);
        let mut rdr = Reader::new(&wtr.buf);
        assert_eq!(rdr.u8(), Some(7));
        assert_eq!(rdr.str(), Some("Gdańsk"));
        assert_eq!(rdr.opt_string(), Some(None));
        assert_eq!(rdr.opt_string(), Some(Some("x".to_string())));
        assert_eq!(rdr.u32s(), Some(vec![1, u32::MAX]));
        assert_eq!(rdr.u64(), Some(42));
        assert!(rdr.is_empty() && rdr.u8().is_none());
        for cut in 0..wtr.buf.len() - 8 {
            let mut rdr = Reader::new(&wtr.buf[..cut]);
            let all = (|| {
                rdr.u8()?;
                rdr.str()?;
                rdr.opt_string()?;
                rdr.opt_string()?;
                rdr.u32s()
            })();
            assert!(all.is_none(), "cut at {cut}");
        }
    }

    #[test]
    fn huge_length_is_refused() {
        let mut wtr = Writer::default();
        wtr.u64(u64::MAX);
        assert!(Reader::new(&wtr.buf).u32s().is_none());
        assert!(Reader::new(&wtr.buf).bytes().is_none());
    }
}
