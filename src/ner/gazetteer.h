// Internal: the gazetteer, name lists as NER features (`kto train
// gazetteer`, docs/formats/ner-model.md). Every inflected form of a listed
// first name, patronymic, country, region or city has the set of classes
// (GazetteerClass) it belongs to; a word of a name of several words («Нижний
// Новгород», «Томская область») has the class's «part» bit. The tagger reads
// the classes of a word and its neighbours: the lists reach names the
// training data never showed («Гессен», «Пауэй» is not there; «Ферапонт» is).
//
// Like the word clusters, the table is two container sections read in
// place: in a gazetteer file (kGazetteerMagic) and, copied there by `kto
// train ner --gazetteer`, in the NER model trained with it.
//
// Thread safety: immutable.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "kto/status.h"

namespace kto::ner::internal {

inline constexpr char kGazetteerMagic[8] = {'K', 'T', 'O', 'G', 'A', 'Z', '\r', '\n'};
inline constexpr uint32_t kGazetteerFormatVersion = 1;

// Section kinds, shared by the gazetteer file and the NER model.
inline constexpr uint32_t kSectionGazetteerWords = 7;    // uint64 [n]: Fnv1a(MatchKey), ascending
inline constexpr uint32_t kSectionGazetteerClasses = 8;  // uint16 [n]: bit set of GazetteerClass

// Bits of a word's class set. Part of the model format (the features are
// named after them): never renumber.
enum GazetteerClass : int {
  kGazFirstNameMale = 0,
  kGazFirstNameFemale = 1,
  kGazFirstNameCommon = 2,  // among the most frequent first names
  kGazPatronymicMale = 3,
  kGazPatronymicFemale = 4,
  kGazCountry = 5,
  kGazCountryPart = 6,
  kGazRegion = 7,
  kGazRegionPart = 8,
  kGazCity = 9,
  kGazCityPart = 10,
  kGazClasses = 11,
};

class Gazetteer {
 public:
  Gazetteer() = default;
  // A view of the two sections (which must outlive it). kCorrupt when their
  // sizes disagree or the words are not in ascending order.
  static Result<Gazetteer> FromSections(std::string_view words, std::string_view classes);

  // The class set of the word whose MatchKey hashes to `lower_hash` (Fnv1a);
  // 0 when it is in no list.
  uint16_t Find(uint64_t lower_hash) const;

  size_t size() const { return words_.size(); }

 private:
  std::span<const uint64_t> words_;
  const uint16_t* classes_ = nullptr;
};

}  // namespace kto::ner::internal
