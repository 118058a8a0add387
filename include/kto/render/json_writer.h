// kto/render/json_writer.h — a streaming JSON writer for kto's output (the
// CLI's lines, the server's bodies): appends to a string buffer with no
// intermediate tree, so a 50 MB document's million tokens cost only their
// bytes. Input JSON is parsed with nlohmann-json.
//
//   std::string out;
//   render::JsonWriter json(&out);
//   json.BeginObject().Key("id").String("a1").Key("n").Int(3).EndObject();
//   // out == R"({"id":"a1","n":3})"
//
// The writer puts the commas and colons; the caller keeps the structure
// right (a Key before each value of an object, every Begin closed by its
// End). It appends to `out`: several values may be written into one buffer,
// each with its own writer. Compact output: no spaces, no newline.
//
// Thread safety: a writer and its buffer belong to one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kto::render {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(*out) {}

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }

  // An object key; the next call writes its value.
  JsonWriter& Key(std::string_view key) {
    Separate();
    AppendString(key);
    out_.push_back(':');
    after_key_ = true;
    return *this;
  }
  // REQUIRES: valid UTF-8 (everything kto prints has been validated).
  JsonWriter& String(std::string_view value) {
    Separate();
    AppendString(value);
    return *this;
  }
  JsonWriter& Int(int64_t value) {
    Separate();
    out_ += std::to_string(value);
    return *this;
  }
  // "%.6g"; null for NaN and infinities, which JSON cannot hold.
  JsonWriter& Double(double value);
  JsonWriter& Null() {
    Separate();
    out_ += "null";
    return *this;
  }
  JsonWriter& Bool(bool value) {
    Separate();
    out_ += value ? "true" : "false";
    return *this;
  }
  // Already-serialized JSON (for example an input id echoed back).
  JsonWriter& Raw(std::string_view json) {
    Separate();
    out_ += json;
    return *this;
  }

 private:
  JsonWriter& Open(char c) {
    Separate();
    out_.push_back(c);
    first_ = true;
    return *this;
  }
  JsonWriter& Close(char c) {
    out_.push_back(c);
    first_ = false;
    return *this;
  }
  void Separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_) {
      out_.push_back(',');
    }
    first_ = false;
  }
  void AppendString(std::string_view s);

  std::string& out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace kto::render
