// Test helper: runs the real kto binary (KTO_BINARY, set by CMake) and
// captures its exit code, stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kto::cli_test {

struct KtoRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline std::string ReadFile(const std::filesystem::path& path) {
  std::stringstream s;
  s << std::ifstream(path, std::ios::binary).rdbuf();
  return s.str();
}

// Runs `kto ARGS` (ARGS as the shell reads them) with `input` on stdin, in
// `working_dir` when given.
inline KtoRun RunKto(const std::string& args, const std::string& input = "",
                     const std::string& working_dir = "") {
  // Per process: CTest runs the cases as parallel processes.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("kto_run." + std::to_string(static_cast<long>(getpid())));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "stdin", std::ios::binary) << input;
  const std::string cd = working_dir.empty() ? "" : "cd '" + working_dir + "' && ";
  const std::string command = cd + KTO_BINARY + " " + args + " <" + (dir / "stdin").string() +
                              " >" + (dir / "stdout").string() + " 2>" + (dir / "stderr").string();
  const int status = std::system(command.c_str());
  KtoRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(dir / "stdout");
  run.err = ReadFile(dir / "stderr");
  std::filesystem::remove_all(dir);
  return run;
}

}  // namespace kto::cli_test
