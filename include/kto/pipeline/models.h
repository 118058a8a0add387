// kto/pipeline/models.h — where the engine's data files are and how they are
// loaded: the morphology dictionary, the NER model and the positions pair
// scorer. Every front end (the CLI, a server, a binding) finds and loads them
// through here, so a flag, an environment variable and the default mean the
// same everywhere.
//
//   pipeline::ModelPaths paths;            // all defaults
//   paths.ner_model = flag_value;          // empty: the default
//   auto analyzer = pipeline::OpenArticleAnalyzer(paths);
//
// Each file is, in order: the explicit path (a command-line flag), else an
// environment variable, else a default:
//   dictionary       $KTO_MORPH_DICT       data/ru-morph.bin beside the program
//   NER model        $KTO_NER_MODEL        models/ner-ru.bin of the source tree
//   positions model  $KTO_POSITIONS_MODEL  models/positions-ru.bin of the source tree
//
// Errors: a file that does not exist fails with kModelMissing; a file that
// exists but cannot be used (truncated, damaged, another format version,
// unreadable, a model that needs the missing dictionary) with kCorrupt. The
// message names the file and tells what to do.
//
// Thread safety: the functions may be called from any thread; what they load
// is immutable and may be shared by every thread.
#pragma once

#include <memory>
#include <string>

#include "kto/facts/article.h"
#include "kto/facts/position_model.h"
#include "kto/morph/analyzer.h"
#include "kto/ner/ner.h"
#include "kto/status.h"

namespace kto::pipeline {

struct ModelPaths {
  std::string dictionary;       // empty: $KTO_MORPH_DICT, else the default
  std::string ner_model;        // empty: $KTO_NER_MODEL, else the committed model
  std::string positions_model;  // empty: $KTO_POSITIONS_MODEL, else the committed model
  // Attach positions by the rules alone, without the pair scorer.
  bool positions_rules = false;
  // A probability in (0, 1) overrides the pair scorer's own threshold.
  float positions_threshold = -1;
};

// The files `paths` names, resolved as above.
std::string DictionaryPath(const ModelPaths& paths);
std::string NerModelPath(const ModelPaths& paths);
std::string PositionsModelPath(const ModelPaths& paths);
// The committed models, the last resort of the resolution (for help texts).
std::string DefaultNerModelPath();
std::string DefaultPositionsModelPath();

Result<std::shared_ptr<const morph::Analyzer>> OpenDictionary(const ModelPaths& paths);
// The NER model; models trained with morphology features get the dictionary
// (opened here when it loads; its failure is reported only if the model needs it).
Result<std::unique_ptr<ner::Model>> LoadNerModel(const ModelPaths& paths);
// The pair scorer; null with paths.positions_rules.
Result<std::shared_ptr<const facts::PositionModel>> LoadPositionsModel(const ModelPaths& paths);
// The whole single-article analyzer: dictionary, NER model, positions.
Result<std::unique_ptr<facts::ArticleAnalyzer>> OpenArticleAnalyzer(const ModelPaths& paths);

}  // namespace kto::pipeline
