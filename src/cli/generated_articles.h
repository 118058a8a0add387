// Test helper: news articles generated about fictional officials of
// fictional places, the same for the same count, for the tests that build a
// knowledge base under stress (killed processes, many processes, a full
// disk) and compare it with one built without.
#pragma once

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace kto::cli_test {

struct Official {
  const char* name;        // «Имя Отчество Фамилия»
  const char* post;        // the title and its organization in the genitive
  const char* short_name;  // the surname alone, as a quote's author
};

// Men only, so that the verbs agree without a grammar of their own.
inline constexpr Official kOfficials[] = {
    {"Игорь Павлович Кедров", "Губернатор Северской области", "Кедров"},
    {"Олег Викторович Лесин", "Мэр Лесногорска", "Лесин"},
    {"Пётр Андреевич Алёшин", "Министр транспорта Северской области", "Алёшин"},
    {"Сергей Игоревич Берестов", "Председатель Областной думы", "Берестов"},
    {"Дмитрий Сергеевич Рябинин", "Прокурор Северской области", "Рябинин"},
    {"Павел Юрьевич Дубравин", "Глава Лесногорского района", "Дубравин"},
    {"Андрей Олегович Ветров", "Директор Кедровского завода", "Ветров"},
    {"Виктор Петрович Ясенев", "Ректор Северского университета", "Ясенев"},
    {"Юрий Дмитриевич Клёнов", "Мэр Светлогорска", "Клёнов"},
    {"Алексей Павлович Липин", "Министр здравоохранения Северской области", "Липин"},
    {"Николай Андреевич Тополев", "Главный врач Кедровской больницы", "Тополев"},
    {"Георгий Ильич Осинин", "Председатель Кедровского суда", "Осинин"},
};

inline constexpr const char* kPlaces[] = {"Кедровске", "Лесногорске", "Светлогорске", "Заречье"};
inline constexpr const char* kDeeds[] = {"провёл совещание о ремонте дорог", "открыл новую школу",
                                         "встретился с жителями", "осмотрел строительство моста",
                                         "подписал соглашение"};

// `count` articles as JSON lines (ids "gen-0", "gen-1", ...), the same for
// the same count, and the first n of a larger count the same as n: two to
// four officials each, named in full with their post, one of them quoted;
// each text numbered (texts the same would be one article).
inline std::vector<std::string> MakeArticles(int count) {
  std::mt19937 random(17);
  std::vector<std::string> lines;
  constexpr int kOfficialsCount = sizeof kOfficials / sizeof kOfficials[0];
  for (int i = 0; i < count; ++i) {
    std::vector<int> who(kOfficialsCount);
    for (int k = 0; k < kOfficialsCount; ++k) who[static_cast<size_t>(k)] = k;
    std::shuffle(who.begin(), who.end(), random);
    who.resize(2 + random() % 3);
    std::string text;
    for (int k : who) {
      const Official& o = kOfficials[k];
      text += std::string(o.post) + " " + o.name + " " + kDeeds[random() % 5] + " в " +
              kPlaces[random() % 4] + ". ";
    }
    text += std::string("«Работа продолжится», — сказал ") + kOfficials[who.front()].short_name +
            ". Сообщение " + std::to_string(i) + ".";
    char date[32];
    std::snprintf(date, sizeof date, "2026-%02d-%02dT%02d:00:00Z", 1 + i / 600 % 12,
                  1 + i / 24 % 25, i % 24);
    lines.push_back(std::string("{\"id\": \"gen-") + std::to_string(i) +
                    "\", \"published_at\": \"" + date + "\", \"title\": \"Новости области " +
                    std::to_string(i) + "\", \"text\": \"" + text + "\"}");
  }
  return lines;
}

inline void WriteLines(const std::filesystem::path& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary);
  for (const std::string& line : lines) out << line << "\n";
}

}  // namespace kto::cli_test
