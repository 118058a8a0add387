#include "chars.h"

#include <utf8proc.h>

#include <array>

namespace kto::text::internal {
namespace {

CharClass ClassifyUncached(char32_t cp) {
  switch (cp) {
    case '\n':
    case '\r':
    case '\v':
    case '\f':
    case 0x85:
    case 0x2028:
    case 0x2029:
      return CharClass::kLineBreak;
    case '\t':
      return CharClass::kSpace;
    default:
      break;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      return CharClass::kUpper;
    case UTF8PROC_CATEGORY_LL:
      return CharClass::kLower;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return CharClass::kLetter;
    case UTF8PROC_CATEGORY_ND:
      return CharClass::kDigit;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CharClass::kMark;
    case UTF8PROC_CATEGORY_CF:
      return CharClass::kFormat;
    case UTF8PROC_CATEGORY_ZS:
      return CharClass::kSpace;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return CharClass::kLineBreak;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
      return CharClass::kPunct;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_NL:
      return CharClass::kSymbol;
    default:
      return CharClass::kOther;  // controls, unassigned, private use
  }
}

}  // namespace

const CharClass* BmpClasses() {
  static const CharClass* const table = [] {
    auto* t = new std::array<CharClass, 0x10000>;
    for (char32_t cp = 0; cp < 0x10000; ++cp) (*t)[cp] = ClassifyUncached(cp);
    return t->data();
  }();
  return table;
}

CharClass ClassifyOutsideBmp(char32_t cp) {
  return ClassifyUncached(cp);
}

}  // namespace kto::text::internal
