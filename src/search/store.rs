//! Where an index keeps its texts: in memory (built now) or in a shared,
//! read-only buffer such as a memory-mapped file of a library's stored
//! index, so opening a thousand documents reads no text and copies nothing.

use std::ops::{Deref, Range};
use std::sync::Arc;

/// A read-only buffer shared between the parts of an index: a memory map,
/// or a vector. It must not change while shared (a library's index files
/// are replaced by rename, never written in place).
pub trait Buffer: Send + Sync {
    fn bytes(&self) -> &[u8];
    /// Lets the system reclaim these bytes' memory (a mapped file reads them
    /// back if touched again): a search over a large library need not hold
    /// all its texts at once. Nothing by default.
    fn release(&self, _range: Range<usize>) {}
}

impl Buffer for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
}

pub type Shared = Arc<dyn Buffer>;

/// A slice of `T`, owned or inside a [`Shared`] buffer.
pub struct Store<T: 'static> {
    inner: Inner<T>,
}

enum Inner<T: 'static> {
    Owned(Vec<T>),
    /// `len` elements of `T` at byte `start` of the buffer: in bounds and
    /// aligned (checked by the constructor), and valid once `state` says
    /// so (`check` decides, on first read when the constructor did not).
    Shared {
        buf: Shared,
        start: usize,
        len: usize,
        state: std::sync::atomic::AtomicU8,
        check: fn(&[u8]) -> bool,
    },
}

/// [`Inner::Shared`] states.
const VALID: u8 = 0;
const UNCHECKED: u8 = 1;
const INVALID: u8 = 2;

impl<T> Default for Store<T> {
    fn default() -> Self {
        Store::owned(Vec::new())
    }
}

impl<T> Store<T> {
    pub fn owned(v: Vec<T>) -> Self {
        Store {
            inner: Inner::Owned(v),
        }
    }
}

impl<T: bytemuck::Pod> Store<T> {
    /// The values stored (native-endian) in `range` of `buf`; `None` when
    /// out of bounds, misaligned or not a whole number of values.
    pub fn shared(buf: Shared, range: Range<usize>) -> Option<Self> {
        Store::in_buffer::<T>(buf, range, VALID, |_| true)
    }
}

impl Store<char> {
    /// The chars stored (native-endian `u32`) in `range` of `buf`; `None`
    /// when out of bounds, misaligned, or any value is not a `char`.
    pub fn shared_chars(buf: Shared, range: Range<usize>) -> Option<Self> {
        let s = Store::shared_chars_unread(buf, range)?;
        s.intact().then_some(s)
    }

    /// As [`Store::shared_chars`], but the values are checked when first
    /// read (a search that never reads this text never reads its pages);
    /// if any is not a `char`, the store reads as empty and
    /// [`Store::intact`] says so.
    pub fn shared_chars_unread(buf: Shared, range: Range<usize>) -> Option<Self> {
        Store::in_buffer::<u32>(buf, range, UNCHECKED, |b| {
            bytemuck::try_cast_slice(b).is_ok_and(all_chars)
        })
    }
}

/// Whether every value is a Unicode scalar value: below 0x110000 and not a
/// surrogate. Branch-free, so it vectorises (megabytes per millisecond);
/// eight values at a time where the processor has AVX2 (a broad search
/// checks 21 MB of folded text).
fn all_chars(words: &[u32]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, just checked.
        return unsafe { all_chars_avx2(words) };
    }
    all_chars_here(words)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn all_chars_avx2(words: &[u32]) -> bool {
    all_chars_here(words)
}

#[inline(always)]
fn all_chars_here(words: &[u32]) -> bool {
    words.chunks(4096).all(|c| {
        c.iter().fold(true, |ok, &u| {
            ok & ((u ^ 0xD800).wrapping_sub(0x800) < 0x11_0000 - 0x800)
        })
    })
}

impl<T> Store<T> {
    /// `range` of `buf` as values laid out as `U`s (the size of `T`):
    /// bounds and alignment checked now, validity by `check` now or on
    /// first read, as `state` says.
    fn in_buffer<U: bytemuck::Pod>(
        buf: Shared,
        range: Range<usize>,
        state: u8,
        check: fn(&[u8]) -> bool,
    ) -> Option<Self> {
        debug_assert_eq!(std::mem::size_of::<U>(), std::mem::size_of::<T>());
        let bytes = buf.bytes().get(range.clone())?;
        let len = bytemuck::try_cast_slice::<u8, U>(bytes).ok()?.len();
        Some(Store {
            inner: Inner::Shared {
                buf,
                start: range.start,
                len,
                state: state.into(),
                check,
            },
        })
    }

    /// See [`Buffer::release`].
    pub fn release(&self) {
        if let Inner::Shared {
            buf, start, len, ..
        } = &self.inner
        {
            buf.release(*start..start + len * std::mem::size_of::<T>());
        }
    }

    /// How many values it holds, without reading them (so without checking
    /// an unread store: a damaged one keeps its length but reads as empty).
    pub fn len(&self) -> usize {
        match &self.inner {
            Inner::Owned(v) => v.len(),
            Inner::Shared { len, .. } => *len,
        }
    }

    /// Whether it holds no value (see [`Store::len`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether every value is valid (checking them now if not yet done).
    pub fn intact(&self) -> bool {
        let _ = &**self;
        self.found_damaged() == Some(false)
    }

    /// `Some(true)` when a read found an invalid value, `Some(false)` when
    /// the values are known valid, `None` when not yet read.
    pub fn found_damaged(&self) -> Option<bool> {
        match &self.inner {
            Inner::Owned(_) => Some(false),
            Inner::Shared { state, .. } => match state.load(std::sync::atomic::Ordering::Acquire) {
                VALID => Some(false),
                INVALID => Some(true),
                _ => None,
            },
        }
    }
}

/// Gives back the memory of shared texts as a scan moves past them, in
/// batches: contiguous regions of one buffer are joined, so a scan over a
/// thousand documents stored back to back costs a few system calls.
#[derive(Default)]
pub struct Releaser {
    pending: Option<(Shared, Range<usize>)>,
}

/// Released at least this much at a time: each release makes the other
/// thread's processor drop its address cache (an interrupt), so 1 MB, not
/// 256 KB (a broad search: 48 calls instead of 174, peak memory the same).
const BATCH: usize = 1 << 20;

impl Releaser {
    /// Marks `s` as scanned.
    pub fn add<T>(&mut self, s: &Store<T>) {
        self.add_part(s, 0..s.len());
    }

    /// Marks values `part` of `s` as scanned.
    pub fn add_part<T>(&mut self, s: &Store<T>, part: Range<usize>) {
        let Inner::Shared {
            buf, start, len, ..
        } = &s.inner
        else {
            return;
        };
        let size = std::mem::size_of::<T>();
        let r = start + part.start.min(*len) * size..start + part.end.min(*len) * size;
        match &mut self.pending {
            Some((b, p)) if Arc::ptr_eq(b, buf) && p.end == r.start => p.end = r.end,
            _ => {
                self.flush();
                self.pending = Some((buf.clone(), r));
            }
        }
        if self.pending.as_ref().is_some_and(|(_, p)| p.len() >= BATCH) {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        if let Some((b, r)) = self.pending.take() {
            b.release(r);
        }
    }
}

impl Drop for Releaser {
    fn drop(&mut self) {
        self.flush();
    }
}

impl<T> Deref for Store<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match &self.inner {
            Inner::Owned(v) => v,
            Inner::Shared {
                buf,
                start,
                len,
                state,
                check,
            } => {
                use std::sync::atomic::Ordering;
                let all = buf.bytes();
                match state.load(Ordering::Acquire) {
                    VALID => {}
                    UNCHECKED => {
                        let bytes = all
                            .get(*start..start + len * std::mem::size_of::<T>())
                            .unwrap_or(&[]);
                        let ok = bytes.len() == len * std::mem::size_of::<T>() && check(bytes);
                        state.store(if ok { VALID } else { INVALID }, Ordering::Release);
                        if !ok {
                            return &[];
                        }
                    }
                    _ => return &[],
                }
                // SAFETY: the constructor checked that `len` values of `T` at
                // byte `start` are in bounds and aligned, `check` that they
                // are valid (`Pod`: any bits; `char`: every value a scalar
                // value), and the buffer does not change while shared (see
                // `Buffer`).
                unsafe { std::slice::from_raw_parts(all.as_ptr().add(*start).cast::<T>(), *len) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_that_is_not_a_char_is_found() {
        let good: Vec<u32> = (0..5000u32)
            .map(|i| [0x41, 0x878d, 0x10FFFF, 0xD7FF, 0xE000][i as usize % 5])
            .collect();
        assert!(all_chars(&good));
        for bad in [0xD800, 0xDFFF, 0x110000, u32::MAX] {
            for at in [0, 7, 8, 4095, 4096, 4999] {
                let mut v = good.clone();
                v[at] = bad;
                assert!(!all_chars(&v), "{bad:#x} at {at}");
                assert!(!all_chars_here(&v), "{bad:#x} at {at}");
            }
        }
    }

    /// A buffer of `u32`s (a `Vec<u8>` may be only byte-aligned).
    fn buf(words: &[u32]) -> Shared {
        Arc::new(Words(words.to_vec()))
    }

    struct Words(Vec<u32>);
    impl Buffer for Words {
        fn bytes(&self) -> &[u8] {
            bytemuck::cast_slice(&self.0)
        }
    }

    #[test]
    fn shared_chars_are_checked() {
        let ok = buf(&['融' as u32, '资' as u32, 'a' as u32]);
        let s = Store::<char>::shared_chars(ok.clone(), 0..12).unwrap();
        assert_eq!(&*s, &['融', '资', 'a']);
        assert_eq!(
            &*Store::<char>::shared_chars(ok.clone(), 4..8).unwrap(),
            &['资']
        );
        // Out of bounds, misaligned, a partial value.
        assert!(Store::<char>::shared_chars(ok.clone(), 0..16).is_none());
        assert!(Store::<char>::shared_chars(ok.clone(), 1..5).is_none());
        assert!(Store::<char>::shared_chars(ok, 0..6).is_none());
        // A surrogate and a value past U+10FFFF are refused.
        for bad in [0xD800, 0xDFFF, 0x11_0000, u32::MAX] {
            assert!(
                Store::<char>::shared_chars(buf(&[65, bad]), 0..8).is_none(),
                "{bad:x}"
            );
        }
        assert!(Store::<char>::shared_chars(buf(&[0xD7FF, 0xE000, 0x10_FFFF]), 0..12).is_some());
    }

    #[test]
    fn unread_chars_are_checked_when_read() {
        let s = Store::<char>::shared_chars_unread(buf(&['融' as u32, 0xD800]), 0..8).unwrap();
        assert_eq!(s.found_damaged(), None);
        assert_eq!(s.len(), 2, "its length is known unread");
        assert!((*s).is_empty(), "a damaged text reads as empty");
        assert_eq!(s.found_damaged(), Some(true));
        assert!(!s.intact());
        let s = Store::<char>::shared_chars_unread(buf(&['融' as u32]), 0..4).unwrap();
        assert!(s.intact());
        assert_eq!(&*s, &['融']);
        // Bounds and alignment are still checked at once.
        assert!(Store::<char>::shared_chars_unread(buf(&[65]), 0..8).is_none());
        assert!(Store::<char>::shared_chars_unread(buf(&[65, 66]), 2..6).is_none());
    }

    #[test]
    fn shared_bytes_are_bounded() {
        let b: Shared = Arc::new(b"abcdef".to_vec());
        assert_eq!(&*Store::<u8>::shared(b.clone(), 2..4).unwrap(), b"cd");
        assert!(Store::<u8>::shared(b, 4..9).is_none());
    }
}
