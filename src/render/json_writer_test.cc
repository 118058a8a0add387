#include "kto/render/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace kto::render {
namespace {

TEST(JsonWriter, WritesNestedValuesThatParseBack) {
  std::string out;
  JsonWriter json(&out);
  json.BeginObject()
      .Key("id")
      .Raw("\"a1\"")
      .Key("list")
      .BeginArray()
      .Int(1)
      .Int(-2)
      .Double(0.5)
      .Bool(true)
      .Null()
      .EndArray()
      .Key("empty")
      .BeginArray()
      .EndArray()
      .Key("obj")
      .BeginObject()
      .Key("k")
      .String("v")
      .EndObject()
      .EndObject();
  EXPECT_EQ(out, R"({"id":"a1","list":[1,-2,0.5,true,null],"empty":[],"obj":{"k":"v"}})");
  EXPECT_TRUE(nlohmann::json::accept(out));
}

TEST(JsonWriter, EscapesStrings) {
  std::string out;
  JsonWriter(&out).String("«Кедр» \"q\" \\ \n\t\x01 end");
  EXPECT_EQ(out, "\"«Кедр» \\\"q\\\" \\\\ \\n\\t\\u0001 end\"");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), "«Кедр» \"q\" \\ \n\t\x01 end");
}

}  // namespace
}  // namespace kto::render
