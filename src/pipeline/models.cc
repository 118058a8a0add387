#include "kto/pipeline/models.h"

#include <cstdlib>

// Set by CMake to the models of the source tree kto was configured from.
#ifndef KTO_DEFAULT_NER_MODEL
#define KTO_DEFAULT_NER_MODEL "models/ner-ru.bin"
#endif
#ifndef KTO_DEFAULT_POSITIONS_MODEL
#define KTO_DEFAULT_POSITIONS_MODEL "models/positions-ru.bin"
#endif

namespace kto::pipeline {
namespace {

std::string FromEnvironment(const char* variable, const char* fallback) {
  if (const char* env = std::getenv(variable); env != nullptr && *env != '\0') return env;
  return fallback;
}

// A data file that failed to load: missing (kModelMissing) or unusable
// (kCorrupt), so that every front end reports both the same way.
Status DataFileError(const Status& status) {
  switch (status.code()) {
    case StatusCode::kNotFound:
    case StatusCode::kModelMissing:
      return Status::ModelMissing(status.message());
    default:
      return Status::Corrupt(status.message());
  }
}

Result<std::unique_ptr<ner::Model>> LoadNer(
    const ModelPaths& paths, const Result<std::shared_ptr<const morph::Analyzer>>& dictionary) {
  ner::LoadOptions options;
  if (dictionary.ok()) options.analyzer = *dictionary;
  auto model = ner::Model::Load(NerModelPath(paths), options);
  if (model.ok()) return model;
  // A model with morphology features and no dictionary: say why.
  if (!dictionary.ok() && model.status().code() == StatusCode::kInvalidArgument)
    return DataFileError(Status(model.status().code(),
                                model.status().message() + ": " + dictionary.status().message()));
  return DataFileError(model.status());
}

}  // namespace

std::string DictionaryPath(const ModelPaths& paths) {
  return morph::DictionaryPath(paths.dictionary);
}

std::string DefaultNerModelPath() {
  return KTO_DEFAULT_NER_MODEL;
}

std::string DefaultPositionsModelPath() {
  return KTO_DEFAULT_POSITIONS_MODEL;
}

std::string NerModelPath(const ModelPaths& paths) {
  if (!paths.ner_model.empty()) return paths.ner_model;
  return FromEnvironment("KTO_NER_MODEL", KTO_DEFAULT_NER_MODEL);
}

std::string PositionsModelPath(const ModelPaths& paths) {
  if (!paths.positions_model.empty()) return paths.positions_model;
  return FromEnvironment("KTO_POSITIONS_MODEL", KTO_DEFAULT_POSITIONS_MODEL);
}

Result<std::shared_ptr<const morph::Analyzer>> OpenDictionary(const ModelPaths& paths) {
  auto analyzer = morph::Analyzer::Open(DictionaryPath(paths));
  if (!analyzer.ok()) return DataFileError(analyzer.status());
  return analyzer;
}

Result<std::unique_ptr<ner::Model>> LoadNerModel(const ModelPaths& paths) {
  return LoadNer(paths, OpenDictionary(paths));
}

Result<std::shared_ptr<const facts::PositionModel>> LoadPositionsModel(const ModelPaths& paths) {
  if (paths.positions_rules) return std::shared_ptr<const facts::PositionModel>();
  auto model = facts::PositionModel::Load(PositionsModelPath(paths));
  if (!model.ok()) return DataFileError(model.status());
  if (paths.positions_threshold > 0 && paths.positions_threshold < 1)
    (*model)->set_threshold(paths.positions_threshold);
  return std::shared_ptr<const facts::PositionModel>(std::move(model).value());
}

Result<std::unique_ptr<facts::ArticleAnalyzer>> OpenArticleAnalyzer(const ModelPaths& paths) {
  auto dictionary = OpenDictionary(paths);
  if (!dictionary.ok()) return dictionary.status();
  auto model = LoadNer(paths, dictionary);
  if (!model.ok()) return model.status();
  auto positions = LoadPositionsModel(paths);
  if (!positions.ok()) return positions.status();
  auto analyzer = facts::ArticleAnalyzer::Create(*dictionary, std::move(model).value(),
                                                 std::move(positions).value());
  if (!analyzer.ok()) return DataFileError(analyzer.status());  // a model without PER, ORG, LOC
  return analyzer;
}

}  // namespace kto::pipeline
