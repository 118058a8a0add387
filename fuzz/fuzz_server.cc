// The request handlers of `kto serve`, called in-process (no socket) on a
// store holding examples/scenario.jsonl. The input is a request as text:
//
//   METHOD TARGET\n
//   Name: value\n        (headers, up to an empty line)
//   \n
//   body
//
// Every answer has a status below 500, JSON answers parse, and nothing the
// client sent comes back unescaped in a page (the dictionary offers «<fuzz»).
#include <cstdint>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "context.h"
#include "fuzz_util.h"

using namespace kto;

namespace {

struct Route {
  std::string method;
  std::regex pattern;
  server::Routes::Handler handler;
};

class FuzzRoutes : public server::Routes {
 public:
  std::vector<Route> routes;
  void Get(const std::string& pattern, const std::string&, Handler handler) override {
    routes.push_back({"GET", std::regex(pattern), std::move(handler)});
  }
  void Post(const std::string& pattern, const std::string&, Handler handler) override {
    routes.push_back({"POST", std::regex(pattern), std::move(handler)});
  }
};

struct Served {
  server::Context context;
  FuzzRoutes routes;
};

// The request of `input`, or false when it is not one (no method line).
bool ParseRequest(std::string_view input, httplib::Request* req) {
  const size_t line_end = input.find('\n');
  const std::string_view line = input.substr(0, line_end);
  const size_t space = line.find(' ');
  if (space == std::string_view::npos) return false;
  req->method = std::string(line.substr(0, space));
  req->target = std::string(line.substr(space + 1));
  const size_t query = req->target.find('?');
  req->path = httplib::detail::decode_url(req->target.substr(0, query), false);
  if (query != std::string::npos)
    httplib::detail::parse_query_text(req->target.substr(query + 1), req->params);
  size_t at = line_end == std::string_view::npos ? input.size() : line_end + 1;
  while (at < input.size()) {
    size_t end = input.find('\n', at);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view header = input.substr(at, end - at);
    at = end + 1;
    if (header.empty()) break;
    const size_t colon = header.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = header.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req->headers.emplace(std::string(header.substr(0, colon)), std::string(value));
  }
  if (at < input.size()) req->body = std::string(input.substr(at));
  return true;
}

// Serves `req` as the server would route it; false when no route has it.
bool Serve(Served& served, httplib::Request& req, httplib::Response& res) {
  for (Route& route : served.routes.routes) {
    if (route.method != req.method || !std::regex_match(req.path, req.matches, route.pattern))
      continue;
    served.context.admission->Enter();
    route.handler(served.context, req, res);
    served.context.admission->Leave();
    if (res.status == -1) res.status = 200;  // as cpp-httplib answers a handler that set none
    return true;
  }
  return false;
}

Served* Open() {
  auto* served = new Served;
  server::ServerOptions& options = served->context.options;
  options.store = fuzz::ScratchPath("server.db");
  std::remove(options.store.c_str());
  options.create_store = true;
  options.models = fuzz::Models();
  const Status opened = server::OpenContext(served->context);
  if (!opened.ok()) {
    std::fprintf(stderr, "kto fuzz: %s\n", opened.message().c_str());
    std::abort();
  }
  server::AddApiRoutes(served->routes);
  server::AddPageRoutes(served->routes);
  httplib::Request req;
  std::ifstream examples(KTO_FUZZ_EXAMPLES);
  ParseRequest("POST /api/v1/articles\nContent-Type: application/x-ndjson\n\n", &req);
  req.body.assign(std::istreambuf_iterator<char>(examples), std::istreambuf_iterator<char>());
  httplib::Response res;
  if (!Serve(*served, req, res) || res.status != 201) {
    std::fprintf(stderr, "kto fuzz: %d %s\n", res.status, res.body.c_str());
    fuzz::Expect(false, "the examples were not ingested");
  }
  return served;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Served* served = Open();
  httplib::Request req;
  if (!ParseRequest(fuzz::AsText(data, size), &req)) return 0;
  httplib::Response res;
  if (!Serve(*served, req, res)) return 0;
  fuzz::Expect(res.status >= 200 && res.status < 500, "an answer of status 500 or none");
  const std::string type = res.get_header_value("Content-Type");
  if (type.starts_with("application/json"))
    fuzz::Expect(!nlohmann::json::parse(res.body, nullptr, false).is_discarded(),
                 "a JSON answer does not parse");
  if (type.starts_with("text/html"))
    fuzz::Expect(res.body.find("<fuzz") == std::string::npos, "input reached a page unescaped");
  return 0;
}
