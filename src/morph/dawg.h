// A read-only view of a DAWG in the dawgdic layout (the one the Python DAWG
// package and the az npm package write): a double-array "dictionary" of u32
// units plus a "guide" of two bytes per unit (first child label, next sibling
// label) used to enumerate completions in label order.
//
// Unit bits: bit 8 has_leaf (a key ends here; its value sits in the unit at
// index ^ offset), bit 9 extension (offset scaled by 256), bits 10..31 the
// offset, bits 0..7 the label; bit 31 marks a value unit whose low 31 bits are
// the value. Children of unit i carrying label c live at i ^ offset(i) ^ c.
//
// Every index is bounds-checked, so a malformed array yields "missing", never
// an out-of-range read. Thread safety: immutable; any number of readers.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kto::morph {

class Dawg {
 public:
  static constexpr uint32_t kMissing = 0xFFFFFFFFu;
  static constexpr uint32_t kRoot = 0;

  Dawg() = default;
  // REQUIRES: units has `size` entries and guide 2 * size bytes; both outlive this.
  Dawg(const uint32_t* units, const uint8_t* guide, size_t size)
      : units_(units), guide_(guide), size_(size) {}

  bool empty() const { return size_ == 0; }

  // The child of `index` with `label`, or kMissing.
  uint32_t Follow(uint8_t label, uint32_t index) const {
    const uint32_t next = index ^ Offset(units_[index]) ^ label;
    if (next >= size_ || (units_[next] & (kIsLeafBit | 0xFF)) != label) return kMissing;
    return next;
  }
  bool HasValue(uint32_t index) const { return (units_[index] & kHasLeafBit) != 0; }
  // REQUIRES: HasValue(index). kMissing for a malformed array.
  uint32_t Value(uint32_t index) const {
    const uint32_t at = index ^ Offset(units_[index]);
    return at < size_ ? (units_[at] & ~kIsLeafBit) : kMissing;
  }
  // Guide: label of the first child of `index`, of the next sibling of `index`; 0 when none.
  uint8_t FirstChild(uint32_t index) const { return guide_[2 * size_t(index)]; }
  uint8_t NextSibling(uint32_t index) const { return guide_[2 * size_t(index) + 1]; }

  // The node reached from `index` by the bytes of `key`, or kMissing.
  uint32_t FollowBytes(const char* key, size_t length, uint32_t index = kRoot) const {
    for (size_t i = 0; i < length && index != kMissing; ++i)
      index = Follow(static_cast<uint8_t>(key[i]), index);
    return index;
  }

  // Calls visit(bytes, length) for every key below `index` (index's own key
  // excluded), in byte order, while visit returns true. Keys longer than
  // kMaxDepth bytes are not reached (the payload keys walked this way are 4
  // or 6 bytes). Returns false when stopped by visit.
  static constexpr int kMaxDepth = 16;
  template <typename Visit>
  bool ForEachCompletion(uint32_t index, Visit&& visit) const {
    uint8_t key[kMaxDepth];
    return Walk(index, key, 0, visit);
  }

 private:
  static constexpr uint32_t kHasLeafBit = 1u << 8;
  static constexpr uint32_t kExtensionBit = 1u << 9;
  static constexpr uint32_t kIsLeafBit = 1u << 31;

  static uint32_t Offset(uint32_t unit) { return (unit >> 10) << ((unit & kExtensionBit) >> 6); }

  template <typename Visit>
  bool Walk(uint32_t index, uint8_t* key, int depth, Visit& visit) const {
    if (depth > 0 && HasValue(index) && !visit(static_cast<const uint8_t*>(key), depth))
      return false;
    if (depth == kMaxDepth) return true;
    uint8_t label = FirstChild(index);
    while (label != 0) {
      const uint32_t child = Follow(label, index);
      if (child == kMissing) return true;
      key[depth] = label;
      if (!Walk(child, key, depth + 1, visit)) return false;
      label = NextSibling(child);
    }
    return true;
  }

  const uint32_t* units_ = nullptr;
  const uint8_t* guide_ = nullptr;
  size_t size_ = 0;
};

}  // namespace kto::morph
