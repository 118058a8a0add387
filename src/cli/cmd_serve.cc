// kto serve [--db PATH] [--host H] [--port P] [--threads N] [--api-key-file F]
// [--max-body-mb M] [--frame-ancestors ORIGINS]: the HTTP API and the web
// pages over a store (docs/api.md). Stops gracefully on SIGINT and SIGTERM:
// requests in flight finish, what they wrote is committed, exit 0.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "commands.h"
#include "exit_codes.h"
#include "kto/server/server.h"

namespace kto::cli {
namespace {

// The API key of --api-key-file: its content without surrounding white space.
Result<std::string> ReadApiKey(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read the API key file " + path);
  std::stringstream content;
  content << in.rdbuf();
  std::string key = content.str();
  const size_t begin = key.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos)
    return Status::InvalidArgument("the API key file " + path + " is empty");
  key = key.substr(begin, key.find_last_not_of(" \t\r\n") - begin + 1);
  if (key.size() < 16)
    return Status::InvalidArgument("the API key in " + path + " is shorter than 16 characters");
  // cpp-httplib percent-decodes header values: a key with «%» could never
  // match, and one with other bytes might not survive a proxy.
  const auto unsafe = [](unsigned char c) {
    return !std::isalnum(c) && c != '-' && c != '.' && c != '_' && c != '~';
  };
  if (std::any_of(key.begin(), key.end(), unsafe))
    return Status::InvalidArgument("the API key in " + path +
                                   " has characters other than A-Z a-z 0-9 - . _ ~");
  return key;
}

// Whether `host` is this machine's loopback address, which only local
// programs reach.
bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

// Serves until SIGINT or SIGTERM. The signals are blocked in every thread
// (the server's workers inherit the mask) and taken by one waiting thread,
// which stops the server: no work in a signal handler.
int Serve(server::ServerOptions options) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = server::Server::Open(options);
  if (!server.ok()) return Report("serve", server.status());
  std::cerr << "kto serve: listening on http://" << options.host << ":" << (*server)->port()
            << "/ (Ctrl-C stops)\n"
            << std::flush;
  std::atomic<bool> signalled{false};
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    if (signalled.exchange(true)) return;  // woken by Serve itself
    std::cerr << "kto serve: stopping (finishing the requests in flight)\n" << std::flush;
    (*server)->Stop();
  });
  const Status status = (*server)->Run();
  if (!signalled.exchange(true)) pthread_kill(waiter.native_handle(), SIGTERM);  // a failure
  waiter.join();
  if (!status.ok()) return Report("serve", status);
  std::cerr << "kto serve: stopped\n";
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  struct Args {
    server::ServerOptions options;
    std::string api_key_file;
    size_t max_body_mb = 8;
    size_t max_article_mb = ingest::kDefaultMaxArticleBytes >> 20;
    std::string dict, model;
    PositionsFlags positions;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("serve", "The HTTP API and the web pages over a store (docs/api.md)");
  cmd->add_option("--db", args->options.store, "Database: a file path or sqlite:PATH")
      ->capture_default_str();
  cmd->add_option("--host", args->options.host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", args->options.port, "Port (0: any free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--threads", args->options.threads,
                  "Request workers: connections served at once (0: 64)")
      ->capture_default_str();
  cmd->add_option("--max-active", args->options.max_active,
                  "Requests computed at once; the others wait their turn (0: the cores + 1)")
      ->capture_default_str();
  cmd->add_option("--api-key-file", args->api_key_file,
                  "A file holding the key that writes need (Authorization: Bearer KEY)");
  AddMaxArticleFlag(*cmd, &args->max_article_mb);
  cmd->add_option("--max-body-mb", args->max_body_mb, "Largest request body, in MB")
      ->check(CLI::Range(size_t{1}, size_t{1024}))
      ->capture_default_str();
  cmd->add_option("--frame-ancestors", args->options.frame_ancestors,
                  "Origins allowed to frame the /embed/ pages, e.g. \"https://news.example\" "
                  "(default: any)");
  AddDictFlag(*cmd, &args->dict);
  AddNerModelFlag(*cmd, &args->model);
  AddPositionsFlags(*cmd, &args->positions, false);
  cmd->callback([args, exit_code] {
    server::ServerOptions options = args->options;
    if (args->api_key_file.empty() && !IsLoopback(options.host)) {
      *exit_code = Report(
          "serve", Status::InvalidArgument("--host " + options.host +
                                           " serves other machines: writing must need a key there "
                                           "(give --api-key-file FILE)"));
      return;
    }
    if (!args->api_key_file.empty()) {
      auto key = ReadApiKey(args->api_key_file);
      if (!key.ok()) {
        *exit_code = Report("serve", key.status());
        return;
      }
      options.api_key = *key;
    }
    options.max_body_bytes = args->max_body_mb << 20;
    options.max_article_bytes = args->max_article_mb << 20;
    options.models = ToModelPaths(args->dict, args->model, args->positions);
    *exit_code = Serve(std::move(options));
  });
}

}  // namespace kto::cli
