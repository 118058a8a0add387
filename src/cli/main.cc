// kto: who is who in Russian news. The command-line front end.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "kto/version.h"

int main(int argc, char** argv) {
  using namespace kto::cli;
  CLI::App app{"kto — who is who in Russian news: persons, positions and mentions", "kto"};
  app.set_version_flag("--version", std::string("kto ") + kto::kVersion);
  app.require_subcommand(0, 1);
  app.fallthrough(false);

  int exit_code = kExitOk;
  AddTokenizeCommand(app, &exit_code);
  AddAnalyzeCommand(app, &exit_code);
  AddMorphCommand(app, &exit_code);
  AddIngestCommand(app, &exit_code);
  AddWorkerCommand(app, &exit_code);
  AddMigrateCommand(app, &exit_code);
  AddCheckCommand(app, &exit_code);
  AddKbCommands(app, &exit_code);
  AddKbImportCommand(app, &exit_code);
  AddServeCommand(app, &exit_code);
  AddBenchCommand(app, &exit_code);
  AddNerCommand(app, &exit_code);
  AddTrainCommand(app, &exit_code);
  AddTrainPositionsCommand(*app.get_subcommand("train"), &exit_code);
  AddEvalCommand(app, &exit_code);
  AddEvalNamesCommand(*app.get_subcommand("eval"), &exit_code);
  AddEvalPositionsCommand(*app.get_subcommand("eval"), &exit_code);
  AddEvalLinkCommand(*app.get_subcommand("eval"), &exit_code);
  CLI::App* help = app.add_subcommand("help", "Show this help");
  // app.help() would describe the selected subcommand («help» itself).
  help->callback([&] {
    std::cout << app.get_formatter()->make_help(&app, "kto", CLI::AppFormatMode::Normal);
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message
    std::cerr << "Run 'kto help' for the list of commands.\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "kto: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  if (app.get_subcommands().empty()) {
    std::cerr << app.help() << "\nkto: a command is required\n";
    return kExitUsage;
  }
  return exit_code;
}
