//! Seeded random streams for every random step of an analysis (Leiden, E-I permutations,
//! stability resamples): one ChaCha8 stream per (seed, purpose, block), and the few draws
//! made from it, written here rather than taken from a library sampler so that the bytes
//! depend only on ChaCha8 (a fixed algorithm), the seed and the block — never on a library
//! version or on the thread count.

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The stream of block `block` for `purpose` under `seed`: key = the seed's 8 bytes and
/// the purpose's first 24 bytes; stream number = `block`.
pub fn stream(seed: u64, purpose: &str, block: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    for (k, b) in key[8..].iter_mut().zip(purpose.bytes()) {
        *k = b;
    }
    let mut rng = ChaCha8Rng::from_seed(key);
    rng.set_stream(block);
    rng
}

/// A uniform integer in `0..bound` (`bound` ≥ 1), by multiply-shift of one 64-bit draw
/// (bias below 2⁻³² for any bound used here).
pub fn below(rng: &mut ChaCha8Rng, bound: usize) -> usize {
    ((rng.next_u64() as u128 * bound as u128) >> 64) as usize
}

/// A uniform float in [0, 1) with 53 random bits.
pub fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Fisher–Yates shuffle with [`below`].
pub fn shuffle<T>(v: &mut [T], rng: &mut ChaCha8Rng) {
    for i in (1..v.len()).rev() {
        v.swap(i, below(rng, i + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_by_purpose_and_block_and_repeat_exactly() {
        let draw = |s: u64, p: &str, b: u64| stream(s, p, b).next_u64();
        assert_eq!(draw(1, "leiden", 0), draw(1, "leiden", 0));
        assert_ne!(draw(1, "leiden", 0), draw(1, "leiden", 1));
        assert_ne!(draw(1, "leiden", 0), draw(1, "ei/region", 0));
        assert_ne!(draw(1, "leiden", 0), draw(2, "leiden", 0));
        let mut rng = stream(3, "t", 0);
        let mut hits = [0u32; 3];
        for _ in 0..3000 {
            hits[below(&mut rng, 3)] += 1;
        }
        assert!(hits.iter().all(|&h| (900..1100).contains(&h)), "{hits:?}");
        let mut v: Vec<u32> = (0..10).collect();
        shuffle(&mut v, &mut rng);
        let mut s = v.clone();
        s.sort_unstable();
        assert_eq!(s, (0..10).collect::<Vec<_>>());
        assert!((0.0..1.0).contains(&unit(&mut rng)));
    }
}
