// Test helper: runs the real kto binary and captures its exit code, stdout
// and stderr, or starts it in the background (Spawn, Wait).
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

// The program the tests run: $KTO_BINARY when set (the release build, for a
// long run of a test written for the debug one), else the kto built beside
// the tests (KTO_BINARY, set by CMake).
inline std::string KtoBinary() {
  const char* binary = std::getenv("KTO_BINARY");
  return binary != nullptr && *binary != '\0' ? binary : KTO_BINARY;
}

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
  const std::string command = cd + KtoBinary() + " " + args + " <" + (dir / "stdin").string() +
                              " >" + (dir / "stdout").string() + " 2>" + (dir / "stderr").string();
  const int status = std::system(command.c_str());
  KtoRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(dir / "stdout");
  run.err = ReadFile(dir / "stderr");
  std::filesystem::remove_all(dir);
  return run;
}

// Starts `kto ARGS` (exec'd by the shell, so that the pid is kto's own),
// its output into `log`.
inline pid_t Spawn(const std::string& args, const std::filesystem::path& log) {
  const std::string command = "exec " + KtoBinary() + " " + args + " >" + log.string() + " 2>&1";
  const pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// The exit code of a spawned kto, or minus the signal that ended it.
inline int Wait(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1000;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace kto::cli_test
