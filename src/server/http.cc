#include "http.h"

#include <nettle/memops.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

namespace kto::server {

void SendJson(httplib::Response& res, int status, std::string body) {
  res.status = status;
  if (body.empty() || body.back() != '\n') body += '\n';
  res.set_content(std::move(body), "application/json; charset=utf-8");
  res.set_header("X-Content-Type-Options", "nosniff");
}

void SendError(httplib::Response& res, int status, std::string_view code,
               std::string_view message) {
  nlohmann::json error = {{"error", {{"code", code}, {"message", message}}}};
  SendJson(res, status, error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void SendStatus(httplib::Response& res, const Status& status) {
  switch (status.code()) {
    case StatusCode::kNotFound:
      return SendError(res, 404, "not_found", status.message());
    case StatusCode::kInvalidInput:
    case StatusCode::kInvalidArgument:
      return SendError(res, 422, "invalid", status.message());
    case StatusCode::kConflict:  // a shared database's other writers: try again
      res.set_header("Retry-After", "1");
      return SendError(res, 503, "busy", "the database is busy; try again");
    default:
      std::cerr << "kto serve: " << status.message() << "\n";
      return SendError(res, 500, "internal", "internal error (logged by the server)");
  }
}

std::string_view RawPathRest(const httplib::Request& req, std::string_view prefix) {
  std::string_view target = req.target;
  target = target.substr(0, target.find('?'));
  if (target.substr(0, prefix.size()) != prefix) return {};
  return target.substr(prefix.size());
}

std::string PercentDecode(std::string_view s) {
  return httplib::detail::decode_url(std::string(s), /*convert_plus_to_space=*/false);
}

std::string PathRest(const httplib::Request& req, std::string_view prefix) {
  return PercentDecode(RawPathRest(req, prefix));
}

std::optional<int64_t> IntParam(const httplib::Request& req, httplib::Response& res,
                                const char* name, int64_t fallback, int64_t min, int64_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string value = req.get_param_value(name);
  int64_t n = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (error != std::errc() || end != value.data() + value.size() || n < min || n > max) {
    SendError(res, 400, "bad_parameter",
              std::string("parameter ") + name + " must be an integer from " + std::to_string(min) +
                  " to " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> DateParam(const httplib::Request& req, httplib::Response& res,
                                     const char* name, bool end) {
  if (!req.has_param(name)) return std::string();
  const std::string value = req.get_param_value(name);
  if (value.empty()) return std::string();
  bool ok = value.size() == 10 && value[4] == '-' && value[7] == '-';
  for (size_t i = 0; ok && i < value.size(); ++i)
    if (i != 4 && i != 7) ok = std::isdigit(static_cast<unsigned char>(value[i])) != 0;
  if (ok) {  // a day that exists: not 2026-02-30 nor 2026-13-01
    const auto number = [&](size_t at, size_t n) { return std::stoi(value.substr(at, n)); };
    const std::chrono::year_month_day day{std::chrono::year{number(0, 4)},
                                          std::chrono::month(number(5, 2)),
                                          std::chrono::day(number(8, 2))};
    ok = day.ok();
  }
  if (!ok) {
    SendError(res, 400, "bad_parameter",
              std::string("parameter ") + name + " must be a day as YYYY-MM-DD");
    return std::nullopt;
  }
  // «…T24» sorts after every time of the day and before the next day.
  return value + (end ? "T24" : "T00:00:00Z");
}

std::string MediaType(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

bool ConstantTimeEquals(std::string_view given, std::string_view expected) {
  // Compare equal lengths only (the length of the key is not the secret).
  if (given.size() != expected.size()) return false;
  return memeql_sec(given.data(), expected.data(), given.size()) != 0;
}

}  // namespace kto::server
