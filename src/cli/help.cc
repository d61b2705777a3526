// `trustready help [COMMAND...]`, the nearest-command suggestion for a
// mistyped command, and the command-tree dump that the man pages and shell
// completions are generated from (scripts/gen-docs.py), so that they say
// exactly what --help says.
#include "cli/help.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "trustready/base/strings.h"

namespace trustready::cli {
namespace {

std::vector<CLI::App*> Visible(CLI::App& app) {
  std::vector<CLI::App*> out;
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (!sub->get_group().empty()) out.push_back(sub);
  }
  return out;
}

// One record per line, fields separated by tabs (tabs and newlines inside a
// field become spaces): the format scripts/gen-docs.py reads.
std::string Field(std::string s) {
  std::replace(s.begin(), s.end(), '\t', ' ');
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

void Dump(CLI::App& app, const std::string& path, std::ostream& out) {
  out << "cmd\t" << path << "\t" << Field(app.get_description()) << "\n";
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;
    if (opt->get_positional()) {
      out << "pos\t" << path << "\t" << opt->get_name() << "\t" << Field(opt->get_description()) << "\n";
      continue;
    }
    std::string names;
    for (const auto& s : opt->get_snames()) names += (names.empty() ? "-" : " -") + s;
    for (const auto& l : opt->get_lnames()) names += (names.empty() ? "--" : " --") + l;
    const bool takes_value = opt->get_type_size_max() > 0;
    out << "opt\t" << path << "\t" << names << "\t" << (takes_value ? Field(opt->get_type_name()) : "")
        << "\t" << Field(opt->get_description()) << "\n";
  }
  for (CLI::App* sub : Visible(app)) Dump(*sub, path + " " + sub->get_name(), out);
}

}  // namespace

std::string NearestCommand(CLI::App& app, const std::string& typed) {
  std::vector<std::string> names;
  for (CLI::App* sub : Visible(app)) names.push_back(sub->get_name());
  return NearestWord(typed, names);
}

bool IsCommand(CLI::App& app, const std::string& name) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->check_name(name)) return true;
  }
  return false;
}

void DumpCommandTree(CLI::App& app, std::ostream& out) { Dump(app, app.get_name(), out); }

int PrintHelpFor(CLI::App& app, const std::vector<std::string>& words) {
  CLI::App* at = &app;
  std::string path = app.get_name(), parent;
  for (const std::string& w : words) {
    CLI::App* next = nullptr;
    for (CLI::App* sub : Visible(*at)) {
      if (sub->check_name(w)) next = sub;
    }
    if (next == nullptr) {
      const std::string near = NearestCommand(*at, w);
      std::cerr << "trustready: no command '" << path << " " << w << "'"
                << (near.empty() ? "" : "; did you mean '" + path + " " + near + "'?") << "\n";
      return 2;
    }
    at = next;
    parent = path;
    path += " " + w;
  }
  std::cout << at->help(parent);
  return 0;
}

}  // namespace trustready::cli
