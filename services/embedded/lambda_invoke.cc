// The embedded Lambda's Invoke (lambda_invoke.h). A function runs as a child process of its
// interpreter in its own process group: cfnlocal's bootstrap shim (lambda_runtime_files.h) loads
// the handler from the function's zip, unpacked once per code upload under
// "<objects dir>/lambda-cache/", with its layers on PYTHONPATH / NODE_PATH as /opt/python and
// /opt/nodejs/node_modules would be. The timeout kills the process group; MemorySize becomes
// RLIMIT_DATA for Python (plus headroom for the interpreter's own mappings) and V8's old-space
// limit for Node.js. stdout and stderr become the function's log events, between Lambda's
// START, END and REPORT lines, in its log group (/aws/lambda/NAME unless LoggingConfig names
// another).
#include "services/embedded/lambda_invoke.h"

#include "services/embedded/lambda_common.h"
#include "services/embedded/logs_common.h"
#include "services/lambda_runtime_files.h"
#include "state/ids.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <regex>
#include <set>

namespace cfnlocal::services::embedded::lambda {
namespace {

namespace fs = std::filesystem;

// ---- interpreters -----------------------------------------------------------------------------

struct Interpreter {
  std::string path;
  std::string version; // "3.11", "v20.20.2"
};

std::string command_output(const std::string &command) {
  std::string out;
  if (FILE *pipe = popen(command.c_str(), "r")) {
    char buffer[256];
    while (fgets(buffer, sizeof buffer, pipe))
      out += buffer;
    pclose(pipe);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
    out.pop_back();
  return out;
}

std::vector<fs::path> path_dirs() {
  std::vector<fs::path> dirs;
  const char *path = std::getenv("PATH");
  std::string all = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= all.size()) {
    size_t colon = all.find(':', start);
    std::string dir =
        all.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!dir.empty())
      dirs.emplace_back(dir);
    if (colon == std::string::npos)
      break;
    start = colon + 1;
  }
  // Version-manager shims (pyenv) are slow wrappers: real interpreters first.
  std::stable_partition(dirs.begin(), dirs.end(), [](const fs::path &d) {
    return d.string().find("shims") == std::string::npos;
  });
  return dirs;
}

bool executable(const fs::path &file) {
  return ::access(file.c_str(), X_OK) == 0 && fs::is_regular_file(file);
}

void write_if_changed(const fs::path &file, std::string_view text);

// Python interpreters on PATH by minor version. A real python3.N names its version; a bare
// python3 or a version-manager shim (pyenv's may name versions that are not installed) must be
// asked, which costs a process start each (a third of a second for a pyenv shim), so they are
// asked only when no named interpreter has the wanted version, all at once, and once per process.
class Pythons {
public:
  Pythons() {
    static const std::regex name(R"(python3(\.(\d+))?)");
    std::vector<Candidate> others;
    std::set<fs::path> known; // the files named_ holds, resolved
    std::error_code ec;
    for (const auto &dir : path_dirs()) {
      bool shim = dir.string().find("shims") != std::string::npos;
      for (const auto &entry : fs::directory_iterator(dir, ec)) {
        std::smatch m;
        std::string file = entry.path().filename().string();
        if (!std::regex_match(file, m, name) || !executable(entry.path()))
          continue;
        if (m[2].matched && !shim) {
          named_.emplace(std::stoi(m[2].str()), entry.path().string());
          known.insert(fs::weakly_canonical(entry.path(), ec));
        } else {
          others.push_back({entry.path(), m[2].matched ? std::stoi(m[2].str()) : -1});
        }
      }
    }
    // /usr/bin/python3 is a link to a python3.N already named, and /bin/python3 is the same
    // file on a merged-/usr system: nothing to ask.
    for (auto &candidate : others)
      if (known.insert(fs::weakly_canonical(candidate.path, ec)).second)
        unasked_.push_back(std::move(candidate));
  }

  /// Minor version -> interpreter: the named ones, and every other one once `wanted` is not
  /// among the named. `answers_file` keeps the answers across processes ({path: [mtime,
  /// minor]}): an answer counts while the file asked is unchanged.
  const std::map<int, std::string> &for_version(int wanted, const fs::path &answers_file) {
    std::lock_guard lock(mutex_);
    if (named_.contains(wanted) || unasked_.empty())
      return named_;
    Json kept = Json::object();
    if (std::ifstream in(answers_file); in)
      kept = Json::parse(in, nullptr, false);
    if (!kept.is_object())
      kept = Json::object();
    std::vector<std::future<int>> answers;
    std::vector<int64_t> stamps;
    for (const auto &candidate : unasked_) {
      std::error_code ec;
      auto stamp =
          static_cast<int64_t>(fs::last_write_time(candidate.path, ec).time_since_epoch().count());
      stamps.push_back(stamp);
      const Json &entry = kept.value(candidate.path.string(), Json());
      if (entry.is_array() && entry.size() == 2 && entry[0] == stamp) {
        std::promise<int> known;
        known.set_value(entry[1].get<int>());
        answers.push_back(known.get_future());
      } else {
        answers.push_back(std::async(std::launch::async, ask, candidate.path));
      }
    }
    for (size_t i = 0; i < unasked_.size(); ++i) {
      int minor = answers[i].get();
      kept[unasked_[i].path.string()] = Json::array({stamps[i], minor});
      // A shim named python3.N counts only when it runs that version.
      if (minor >= 0 && (unasked_[i].named < 0 || unasked_[i].named == minor))
        named_.emplace(minor, unasked_[i].path.string());
    }
    unasked_.clear();
    write_if_changed(answers_file, kept.dump());
    return named_;
  }

private:
  struct Candidate {
    fs::path path;
    int named; // N of python3.N, -1 for python3
  };

  static int ask(const fs::path &file) {
    std::string minor = command_output("'" + file.string() +
                                       "' -c 'import sys;print(sys.version_info[1])' 2>/dev/null");
    return !minor.empty() && minor.find_first_not_of("0123456789") == std::string::npos
               ? std::stoi(minor)
               : -1;
  }

  std::mutex mutex_;
  std::map<int, std::string> named_;
  std::vector<Candidate> unasked_;
};

Pythons &pythons() {
  static Pythons found;
  return found;
}

const std::optional<Interpreter> &node() {
  static const std::optional<Interpreter> found = []() -> std::optional<Interpreter> {
    for (const auto &dir : path_dirs())
      for (const char *name : {"node", "nodejs"})
        if (executable(dir / name)) {
          std::string path = (dir / name).string();
          return Interpreter{path, command_output("'" + path + "' --version")};
        }
    return std::nullopt;
  }();
  return found;
}

[[noreturn]] void no_runtime(const std::string &runtime, const std::string &why) {
  throw ServiceError("InvalidRuntimeException",
                     fmt::format("The runtime {} cannot run locally: {}", runtime, why), 502);
}

// The interpreter nearest to the runtime's version (ties: the newer one).
Interpreter interpreter_for(const std::string &runtime, const fs::path &runtime_dir) {
  if (runtime.starts_with("python3.")) {
    int wanted = std::stoi(runtime.substr(8));
    const auto &all = pythons().for_version(wanted, runtime_dir / "interpreters.json");
    if (all.empty())
      no_runtime(runtime, "no python3 interpreter on PATH");
    auto best = all.begin();
    for (auto it = all.begin(); it != all.end(); ++it)
      if (std::abs(it->first - wanted) <= std::abs(best->first - wanted))
        best = it;
    return {best->second, fmt::format("3.{}", best->first)};
  }
  if (runtime.starts_with("nodejs")) {
    if (!node())
      no_runtime(runtime, "no node interpreter on PATH");
    return *node();
  }
  no_runtime(runtime, "cfnlocal runs Python and Node.js functions only");
}

// ---- code -------------------------------------------------------------------------------------

// Unpacks a zip into `dest` (made whole or not at all): a temporary directory renamed into place.
void unzip(const std::string &zip_path, const fs::path &dest) {
  if (fs::exists(dest))
    return;
  int error = 0;
  zip_t *archive = zip_open(zip_path.c_str(), ZIP_RDONLY, &error);
  if (!archive)
    throw ServiceError("InvalidZipFileException",
                       fmt::format("Lambda was unable to unzip the function code ({})", zip_path),
                       502);
  fs::path tmp = dest;
  tmp += ".tmp-" + state::uuid4();
  fs::create_directories(tmp);
  zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char *raw = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    std::string name = raw ? raw : "";
    // Entries outside the directory are refused, as unzip does.
    if (name.empty() || name[0] == '/' || name.find("..") != std::string::npos)
      continue;
    fs::path target = tmp / name;
    if (name.back() == '/') {
      fs::create_directories(target);
      continue;
    }
    fs::create_directories(target.parent_path());
    zip_file_t *file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (!file)
      continue;
    std::ofstream out(target, std::ios::binary);
    char buffer[65536];
    zip_int64_t got;
    while ((got = zip_fread(file, buffer, sizeof buffer)) > 0)
      out.write(buffer, got);
    zip_fclose(file);
    out.close();
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive, static_cast<zip_uint64_t>(i), 0, &opsys,
                                         &attributes) == 0 &&
        opsys == ZIP_OPSYS_UNIX) {
      mode_t mode = (attributes >> 16) & 0777;
      if (mode)
        ::chmod(target.c_str(), mode | S_IRUSR);
    }
  }
  zip_discard(archive);
  std::error_code ec;
  fs::rename(tmp, dest, ec);
  if (ec) // another process unpacked it first
    fs::remove_all(tmp, ec);
}

void write_if_changed(const fs::path &file, std::string_view text) {
  std::ifstream in(file, std::ios::binary);
  std::string current((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (current == text)
    return;
  fs::create_directories(file.parent_path());
  fs::path tmp = file;
  tmp += ".tmp-" + state::uuid4();
  std::ofstream(tmp, std::ios::binary) << text;
  fs::rename(tmp, file);
}

std::string cache_name(const std::string &file) { return sha256_hex(file).substr(0, 24); }

// The AWS SDK for Python as Lambda's runtime provides it (boto3 and what it imports), found once
// in a local Python that has it: its packages are linked into "<runtime dir>/python-sdk", which
// functions get at the end of sys.path. "" when no local Python has boto3.
std::string python_sdk_dir(const fs::path &runtime_dir) {
  fs::path dir = runtime_dir / "python-sdk";
  std::error_code ec;
  if (fs::exists(dir / "boto3" / "__init__.py", ec) &&
      fs::exists(dir / "botocore" / "__init__.py", ec))
    return dir.string();
  static std::mutex mutex;
  static std::optional<std::vector<std::string>> packages;
  std::lock_guard<std::mutex> lock(mutex);
  if (!packages) {
    packages.emplace();
    std::vector<std::string> candidates;
    for (const auto &d : path_dirs())
      if (executable(d / "python3"))
        candidates.push_back((d / "python3").string());
    for (const auto &[minor, path] : pythons().for_version(-1, runtime_dir / "interpreters.json"))
      candidates.push_back(path);
    write_if_changed(runtime_dir / "sdk_probe.py",
                     "import importlib, os\n"
                     "for name in ('boto3', 'botocore', 's3transfer', 'jmespath', 'dateutil',\n"
                     "             'urllib3', 'six'):\n"
                     "    try:\n"
                     "        m = importlib.import_module(name)\n"
                     "    except Exception:\n"
                     "        continue\n"
                     "    f = m.__file__\n"
                     "    print(os.path.dirname(f) if f.endswith('__init__.py') else f)\n");
    for (const auto &python : candidates) {
      std::string out = command_output("'" + python + "' '" +
                                       (runtime_dir / "sdk_probe.py").string() + "' 2>/dev/null");
      if (out.find("/boto3") == std::string::npos || out.find("/botocore") == std::string::npos)
        continue;
      for (size_t start = 0; start < out.size();) {
        size_t nl = out.find('\n', start);
        packages->push_back(out.substr(start, nl == std::string::npos ? nl : nl - start));
        if (nl == std::string::npos)
          break;
        start = nl + 1;
      }
      break;
    }
  }
  if (packages->empty())
    return {};
  fs::path tmp = runtime_dir / ("python-sdk.tmp-" + state::uuid4());
  fs::create_directories(tmp, ec);
  for (const auto &package : *packages) {
    fs::path target = package;
    fs::create_symlink(target, tmp / target.filename(), ec);
  }
  fs::rename(tmp, dir, ec);
  if (ec) // another process linked it first
    fs::remove_all(tmp, ec);
  return dir.string();
}

// ---- the process ------------------------------------------------------------------------------

struct Output {
  std::vector<std::pair<int64_t, std::string>> lines;
  std::string partial;
  size_t bytes = 0;
  void add(const char *data, size_t n) {
    // Lambda keeps 256 KB per event; locally the whole log is capped at 16 MB.
    if (bytes > 16 * 1024 * 1024)
      return;
    bytes += n;
    partial.append(data, n);
    size_t newline;
    while ((newline = partial.find('\n')) != std::string::npos) {
      lines.emplace_back(logs::now_ms(), partial.substr(0, newline));
      partial.erase(0, newline + 1);
    }
  }
  void finish() {
    if (!partial.empty())
      lines.emplace_back(logs::now_ms(), partial);
    partial.clear();
  }
};

struct Run {
  bool timed_out = false;
  bool exited = false;
  int status = 0;
  double duration_ms = 0;
  long max_rss_kb = 0;
};

Run run_process(const std::vector<std::string> &argv, const std::vector<std::string> &env,
                const std::string &cwd, int64_t timeout_ms, rlim_t data_limit, Output &output) {
  std::vector<char *> args, envp;
  for (const auto &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  for (const auto &e : env)
    envp.push_back(const_cast<char *>(e.c_str()));
  envp.push_back(nullptr);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw ServiceError("ServiceException", "cannot create a pipe for the function's output", 500);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    throw ServiceError("ServiceException", "cannot start the function's process", 500);
  }
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    setpgid(0, 0);
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0)
      dup2(null, 0);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    if (chdir(cwd.c_str()) != 0)
      _exit(126);
    if (data_limit) {
      struct rlimit limit = {data_limit, data_limit};
      setrlimit(RLIMIT_DATA, &limit);
    }
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  setpgid(pid, pid);
  close(fds[1]);
  Run run;
  auto deadline = start + std::chrono::milliseconds(timeout_ms);
  char buffer[65536];
  struct rusage usage = {};
  bool open = true;
  while (true) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      run.timed_out = true;
      break;
    }
    int wait_ms = static_cast<int>(std::min<int64_t>(
        50, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1));
    if (open) {
      struct pollfd p = {fds[0], POLLIN, 0};
      if (poll(&p, 1, wait_ms) > 0) {
        ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n > 0)
          output.add(buffer, static_cast<size_t>(n));
        else if (n == 0)
          open = false;
      }
    } else {
      usleep(static_cast<useconds_t>(wait_ms) * 1000);
    }
    int status = 0;
    pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) {
      run.exited = true;
      run.status = status;
      // What the handler wrote before exiting is still in the pipe.
      int flags = fcntl(fds[0], F_GETFL);
      fcntl(fds[0], F_SETFL, flags | O_NONBLOCK);
      ssize_t n;
      while (open && (n = read(fds[0], buffer, sizeof buffer)) > 0)
        output.add(buffer, static_cast<size_t>(n));
      break;
    }
  }
  // Whatever the handler left running (or the handler itself, on timeout) dies with the group.
  kill(-pid, SIGKILL);
  if (!run.exited) {
    int status = 0;
    wait4(pid, &status, 0, &usage);
    run.status = status;
  }
  close(fds[0]);
  output.finish();
  run.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  run.max_rss_kb = usage.ru_maxrss;
  return run;
}

std::string payload_text(const Json &input) {
  auto it = input.find("Payload");
  if (it == input.end() || it->is_null())
    return "{}";
  std::string text;
  if (it->is_binary())
    text.assign(it->get_binary().begin(), it->get_binary().end());
  else if (it->is_string())
    text = it->get<std::string>();
  else
    text = it->dump();
  if (text.empty())
    return "{}";
  if (text.size() > 6 * 1024 * 1024)
    throw ServiceError("RequestTooLargeException",
                       fmt::format("Request must be smaller than 6291456 bytes for the Invoke "
                                   "operation"),
                       413);
  Json parsed = Json::parse(text, nullptr, false);
  if (parsed.is_discarded())
    throw ServiceError("InvalidRequestContentException",
                       "Could not parse request body into json: Could not parse payload into "
                       "json: Unexpected character",
                       400);
  return text;
}

std::string iso_now() { return state::now_iso8601(); }

} // namespace

Json invoke(state::Store &store, const std::string &region, const std::string &account,
            const Json &in, const std::string &endpoint_url) {
  Json input = in.is_null() ? Json::object() : in;
  std::string partition = state::partition_for_region(region);
  // The handler runs in its task root: every path it gets is absolute.
  fs::path objects = fs::absolute(store.objects_dir());
  // 1. The function, in a short transaction.
  Resolved target;
  FunctionRef ref;
  std::vector<std::string> layer_files;
  std::string invoked_arn;
  {
    Context c{store, region, account, partition, objects, {}};
    auto tx = store.transaction();
    try {
      ref = function_member(c, input);
      target = resolve(c, ref.name, ref.qualifier);
    } catch (const nlohmann::json::exception &e) {
      throw ServiceError("ValidationException",
                         fmt::format("lambda Invoke: malformed input: {}", e.what()));
    }
    for (const auto &layer : target.configuration.value("Layers", Json::array())) {
      std::string arn = layer["Arn"];
      std::string prefix = fmt::format("arn:{}:lambda:{}:{}:layer:", partition, region, account);
      if (!arn.starts_with(prefix))
        continue; // another account's layer: nothing local to unpack
      std::string rest = arn.substr(prefix.size());
      size_t colon = rest.rfind(':');
      auto record = store.get_record(kService, "layer-version",
                                     fmt::format("{}:{}:{:010d}", region, rest.substr(0, colon),
                                                 std::stoll(rest.substr(colon + 1))));
      if (record)
        layer_files.push_back((*record)["File"].get<std::string>());
    }
    invoked_arn = function_arn(c, ref.name) + (ref.qualifier.empty() ? "" : ":" + ref.qualifier);
    tx.commit();
  }
  const Json &config = target.configuration;
  std::string type = optional_string(input, "InvocationType").value_or("RequestResponse");
  if (type != "RequestResponse" && type != "Event" && type != "DryRun")
    constraint_error("InvocationType", type,
                     "satisfy enum value set: [Event, RequestResponse, DryRun]");
  std::string log_type = optional_string(input, "LogType").value_or("None");
  if (log_type != "None" && log_type != "Tail")
    constraint_error("LogType", log_type, "satisfy enum value set: [None, Tail]");
  std::string payload = payload_text(input);
  if (type == "DryRun")
    return Json{{"StatusCode", 204}};
  std::string runtime = config.value("Runtime", "");
  if (config.value("PackageType", "Zip") == "Image")
    no_runtime("(container image)", "cfnlocal runs zip-packaged Python and Node.js functions only");
  fs::path runtime_dir = objects / "lambda-runtime";
  Interpreter interpreter = interpreter_for(runtime, runtime_dir);
  bool python = runtime.starts_with("python");

  // 2. Code, layers and the shim on disk.
  fs::path cache = objects / "lambda-cache";
  fs::path task_root = cache / ("code-" + cache_name(target.code_file));
  unzip(target.code_file, task_root);
  std::vector<fs::path> layers;
  for (const auto &file : layer_files) {
    fs::path dir = cache / ("layer-" + cache_name(file));
    unzip(file, dir);
    layers.push_back(dir);
  }
  write_if_changed(runtime_dir / "bootstrap.py", python_bootstrap());
  write_if_changed(runtime_dir / "bootstrap.js", node_bootstrap());
  std::string request_id = state::uuid4();
  fs::path scratch = cache / "invocations" / request_id;
  fs::create_directories(scratch);
  std::ofstream(scratch / "event.json", std::ios::binary) << payload;

  // 3. The environment Lambda gives a function.
  std::string name = config["FunctionName"];
  int64_t memory = config.value("MemorySize", int64_t{128});
  int64_t timeout = config.value("Timeout", int64_t{3});
  std::string log_group =
      config.value("LoggingConfig", Json::object()).value("LogGroup", "/aws/lambda/" + name);
  std::string day = iso_now().substr(0, 10);
  std::replace(day.begin(), day.end(), '-', '/');
  std::string hex = request_id;
  hex.erase(std::remove(hex.begin(), hex.end(), '-'), hex.end());
  std::string log_stream = fmt::format("{}/[{}]{}", day, target.executed_version, hex);
  auto join = [](const std::vector<std::string> &parts) {
    std::string out;
    for (const auto &p : parts)
      out += (out.empty() ? "" : ":") + p;
    return out;
  };
  std::map<std::string, std::string> env;
  const char *host_path = std::getenv("PATH");
  std::vector<std::string> bin_dirs;
  for (const auto &l : layers)
    bin_dirs.push_back((l / "bin").string());
  bin_dirs.push_back(host_path ? host_path : "/usr/local/bin:/usr/bin:/bin");
  env["PATH"] = join(bin_dirs);
  for (const char *pass : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                           "AWS_ENDPOINT_URL", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"})
    if (const char *v = std::getenv(pass))
      env[pass] = v;
  if (!endpoint_url.empty()) {
    // The function's SDK talks to the local services, as whoever it likes: nothing checks the
    // signature, and the caller's own credentials stay out of the function.
    env["AWS_ENDPOINT_URL"] = endpoint_url;
    env["AWS_ACCESS_KEY_ID"] = "cfnlocal";
    env["AWS_SECRET_ACCESS_KEY"] = "cfnlocal";
    env.erase("AWS_SESSION_TOKEN");
    env["AWS_EC2_METADATA_DISABLED"] = "true";
  }
  if (auto vars = config.value("Environment", Json::object()).value("Variables", Json::object());
      vars.is_object())
    for (const auto &[k, v] : vars.items())
      env[k] = v.is_string() ? v.get<std::string>() : v.dump();
  env["LANG"] = "en_US.UTF-8";
  env["TZ"] = ":UTC";
  env["_HANDLER"] = config.value("Handler", "");
  env["LAMBDA_TASK_ROOT"] = task_root.string();
  env["LAMBDA_RUNTIME_DIR"] = runtime_dir.string();
  env["AWS_REGION"] = region;
  env["AWS_DEFAULT_REGION"] = region;
  env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + runtime;
  env["AWS_LAMBDA_FUNCTION_NAME"] = name;
  env["AWS_LAMBDA_FUNCTION_VERSION"] = target.executed_version;
  env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = std::to_string(memory);
  env["AWS_LAMBDA_LOG_GROUP_NAME"] = log_group;
  env["AWS_LAMBDA_LOG_STREAM_NAME"] = log_stream;
  env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
  auto deadline_ms = logs::now_ms() + timeout * 1000;
  env["_CFNLOCAL_EVENT"] = (scratch / "event.json").string();
  env["_CFNLOCAL_RESULT"] = (scratch / "result.json").string();
  env["_CFNLOCAL_DEADLINE_MS"] = std::to_string(deadline_ms);
  env["_CFNLOCAL_REQUEST_ID"] = request_id;
  env["_CFNLOCAL_INVOKED_ARN"] = invoked_arn;
  std::vector<std::string> argv;
  rlim_t data_limit = 0;
  if (python) {
    std::vector<std::string> path = {task_root.string()};
    for (const auto &l : layers) {
      path.push_back((l / "python").string());
      path.push_back(
          (l / "python" / "lib" / ("python" + interpreter.version) / "site-packages").string());
    }
    env["PYTHONPATH"] = join(path);
    if (std::string sdk = python_sdk_dir(runtime_dir); !sdk.empty())
      env["_CFNLOCAL_SDK_PATH"] = sdk;
    env["PYTHONUNBUFFERED"] = "1";
    env["PYTHONDONTWRITEBYTECODE"] = "1";
    argv = {interpreter.path, (runtime_dir / "bootstrap.py").string()};
    // The interpreter's own mappings come on top of what the function may use.
    data_limit = static_cast<rlim_t>(memory + 256) * 1024 * 1024;
  } else {
    std::vector<std::string> path;
    std::string major = interpreter.version.size() > 1
                            ? interpreter.version.substr(1, interpreter.version.find('.') - 1)
                            : "";
    for (const auto &l : layers) {
      path.push_back((l / "nodejs" / "node_modules").string());
      path.push_back((l / "nodejs" / ("node" + major) / "node_modules").string());
    }
    path.push_back((task_root / "node_modules").string());
    env["NODE_PATH"] = join(path);
    argv = {interpreter.path, fmt::format("--max-old-space-size={}", memory),
            (runtime_dir / "bootstrap.js").string()};
  }
  std::vector<std::string> env_list;
  for (const auto &[k, v] : env)
    env_list.push_back(k + "=" + v);

  // 4. Run it.
  std::vector<std::pair<int64_t, std::string>> log;
  log.emplace_back(logs::now_ms(),
                   fmt::format("INIT_START Runtime Version: {} (cfnlocal runs it on {} {})",
                               runtime, interpreter.path, interpreter.version));
  log.emplace_back(logs::now_ms(), fmt::format("START RequestId: {} Version: {}", request_id,
                                               target.executed_version));
  Output output;
  Run run = run_process(argv, env_list, task_root.string(), timeout * 1000, data_limit, output);
  for (auto &line : output.lines)
    log.push_back(std::move(line));

  Json result;
  std::string function_error;
  std::string response;
  if (run.timed_out) {
    std::string message = fmt::format("{} {} Task timed out after {:.2f} seconds", iso_now(),
                                      request_id, static_cast<double>(timeout));
    log.emplace_back(logs::now_ms(), message);
    function_error = "Unhandled";
    response = Json{{"errorMessage", message}}.dump();
  } else {
    std::ifstream in(scratch / "result.json", std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Json written = Json::parse(text, nullptr, false);
    if (written.is_object() && written.value("ok", false)) {
      response = written.value("payload", "null");
    } else if (written.is_object() && written.contains("error")) {
      function_error = "Unhandled";
      response = written["error"].dump();
    } else {
      // The process ended without a result: killed (memory, a signal) or exited.
      std::string how = WIFSIGNALED(run.status)
                            ? fmt::format("signal: {}", strsignal(WTERMSIG(run.status)))
                            : fmt::format("exit status {}", WEXITSTATUS(run.status));
      std::string message =
          fmt::format("RequestId: {} Error: Runtime exited with error: {}", request_id, how);
      log.emplace_back(logs::now_ms(), message);
      function_error = "Unhandled";
      response = Json{{"errorType", "Runtime.ExitError"}, {"errorMessage", message}}.dump();
    }
  }
  std::error_code ec;
  fs::remove_all(scratch, ec);
  log.emplace_back(logs::now_ms(), fmt::format("END RequestId: {}", request_id));
  log.emplace_back(
      logs::now_ms(),
      fmt::format("REPORT RequestId: {}\tDuration: {:.2f} ms\tBilled Duration: {} ms\tMemory "
                  "Size: {} MB\tMax Memory Used: {} MB\t{}",
                  request_id, run.duration_ms, static_cast<int64_t>(std::ceil(run.duration_ms)),
                  memory, run.max_rss_kb / 1024, run.timed_out ? "Status: timeout" : ""));

  // 5. The log, in a second short transaction.
  {
    Context c{store, region, account, partition, objects, {}};
    auto tx = store.transaction();
    logs::append_events(c, log_group, log_stream, log);
    tx.commit();
  }
  Json out = {{"StatusCode", type == "Event" ? 202 : 200},
              {"ExecutedVersion", target.executed_version}};
  if (type == "RequestResponse")
    out["Payload"] = response;
  if (!function_error.empty() && type == "RequestResponse")
    out["FunctionError"] = function_error;
  if (log_type == "Tail" && type == "RequestResponse") {
    std::string text;
    for (const auto &[ts, line] : log)
      text += line + "\n";
    if (text.size() > 4096)
      text = text.substr(text.size() - 4096);
    out["LogResult"] = base64_encode(text);
  }
  return out;
}

} // namespace cfnlocal::services::embedded::lambda
