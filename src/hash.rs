//! Two small hashes, written here rather than taken from a crate.
//!
//! [`FastBuildHasher`] is for the hash maps that index a gazetteer's ids and names: loading a
//! million names spent a seventh of its time in the standard library's SipHash, whose defence
//! against crafted keys a user's own gazetteer does not need. [`ContentHash`] fingerprints the
//! source files of a compiled-gazetteer cache; it reads eight bytes at a time, so hashing a
//! 50 MB gazetteer costs a few milliseconds.

use std::hash::{BuildHasherDefault, Hasher};

/// The multiplier of rustc's FxHash.
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// A fast, non-cryptographic hasher for in-memory maps (rustc's FxHash).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("an 8-byte chunk")));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(tail) ^ ((rest.len() as u64) << 56));
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FastHasher`]s for `HashMap::with_hasher`.
pub(crate) type FastBuildHasher = BuildHasherDefault<FastHasher>;

/// A hash map with the fast hasher.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastBuildHasher>;

/// A 128-bit fingerprint of a sequence of byte strings, for cache keys.
///
/// Two lanes with different odd multipliers each take every 64-bit word: `(h ^ w) * K` is a
/// bijection of the state for a fixed word and of the word for a fixed state, so two inputs of
/// the same length that differ in one word always give different states, and every byte string
/// is preceded by its length. It is not a cryptographic hash: a cache key needs to notice
/// edits, not to resist forgery.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ContentHash {
    a: u64,
    b: u64,
}

const LANE_A: u64 = 0x9e37_79b9_7f4a_7c15;
const LANE_B: u64 = 0xc2b2_ae3d_27d4_eb4f;

impl Default for ContentHash {
    fn default() -> ContentHash {
        ContentHash { a: 0x243f_6a88_85a3_08d3, b: 0x1319_8a2e_0370_7344 }
    }
}

impl ContentHash {
    #[inline]
    fn word(&mut self, w: u64) {
        self.a = (self.a ^ w).wrapping_mul(LANE_A).rotate_left(29);
        self.b = (self.b ^ w.rotate_left(32)).wrapping_mul(LANE_B).rotate_left(23);
    }

    /// Adds one byte string, prefixed by its length.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut ContentHash {
        self.word(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.word(u64::from_le_bytes(chunk.try_into().expect("an 8-byte chunk")));
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.word(u64::from_le_bytes(tail));
        self
    }

    /// Returns the fingerprint.
    pub(crate) fn finish(&self) -> u128 {
        let mut a = self.a ^ self.b.rotate_left(17);
        let mut b = self.b ^ self.a.rotate_left(41);
        a = (a ^ (a >> 33)).wrapping_mul(LANE_B);
        b = (b ^ (b >> 29)).wrapping_mul(LANE_A);
        (u128::from(a ^ (a >> 32)) << 64) | u128::from(b ^ (b >> 31))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingerprint(parts: &[&[u8]]) -> u128 {
        let mut hash = ContentHash::default();
        for part in parts {
            hash.bytes(part);
        }
        hash.finish()
    }

    #[test]
    fn content_hash_notices_edits() {
        let base = fingerprint(&[b"id\tkind\tlabel\nx\tstate\tX\n"]);
        assert_eq!(base, fingerprint(&[b"id\tkind\tlabel\nx\tstate\tX\n"]));
        assert_ne!(base, fingerprint(&[b"id\tkind\tlabel\nx\tstate\tY\n"]));
        assert_ne!(base, fingerprint(&[b"id\tkind\tlabel\nx\tstate\tX\n\n"]));
        assert_ne!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"a", b"bc"]));
        assert_ne!(fingerprint(&[b""]), fingerprint(&[b"\0"]));
    }

    #[test]
    fn fast_map_works() {
        let mut map: FastMap<String, u32> = FastMap::default();
        map.insert("Gaza".to_string(), 1);
        map.insert("gaza".to_string(), 2);
        assert_eq!((map["Gaza"], map["gaza"], map.get("Gaz")), (1, 2, None));
    }
}
