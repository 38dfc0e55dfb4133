// The embedded AWS CodeCommit (AWS CodeCommit API Reference: CreateRepository, GetRepository,
// ListRepositories, UpdateRepositoryDescription, UpdateRepositoryName, DeleteRepository,
// PutFile, CreateCommit, GetFile, GetCommit, GetBranch, CreateBranch, DeleteBranch,
// ListBranches, Put/GetRepositoryTriggers, TagResource, UntagResource, ListTagsForResource;
// botocore codecommit/2015-04-13, JSON protocol). Records: kind "repo" key "REGION:NAME"
// {repositoryId, repositoryName, repositoryDescription?, creationDate, lastModifiedDate,
// defaultBranch?, kmsKeyId?, tags {k: v}, triggers [...]}; kind "branch" key "REGION:ID:BRANCH"
// {commitId}; kind "commit" key "REGION:ID:COMMIT" {treeId, parents, message, author, committer,
// files {path: {blobId, fileMode}}}; kind "blob" key "REGION:ID:BLOB" {content (base64)}.
//
// Ids are content hashes as Git computes them: a blob's id is the SHA-1 of "blob SIZE\0BYTES",
// a tree's the SHA-1 of its sorted entries, a commit's the SHA-1 of its tree, parents, author and
// message, so the same content yields the same ids.
//
// Enforced as CodeCommit does: repository names (1-100 of [\w.-], no ".git" suffix),
// uniqueness, descriptions of at most 1,000 characters, 50 tags (no "aws:" keys), branch names
// (1-256, no "..", no trailing "/" or ".lock"), parent commits that must be the branch head,
// files that must change, paths (no leading "/", no "." or ".." segments), file modes.
#include "services/embedded/context.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>
#include <re2/re2.h>
#include <set>

namespace cfnlocal::services::embedded {
namespace codecommit {
namespace {

constexpr std::string_view kService = "codecommit";

[[noreturn]] void fail(const char *code, std::string message) {
  throw ServiceError(code, std::move(message));
}

std::string repo_key(const Context &c, const std::string &name) { return c.region + ":" + name; }
std::string child_key(const Context &c, const Json &repo, const std::string &id) {
  return c.region + ":" + repo["repositoryId"].get<std::string>() + ":" + id;
}

std::string checked_name(const Json &input, std::string_view member = "repositoryName") {
  auto it = input.find(member);
  if (it == input.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty()))
    fail("RepositoryNameRequiredException",
         "A repository name is required, but was not specified.");
  static const re2::RE2 pattern(R"([\w\.-]+)");
  std::string name = it->is_string() ? it->get<std::string>() : it->dump();
  if (name.size() > 100 || !re2::RE2::FullMatch(name, pattern) || name.ends_with(".git"))
    fail("InvalidRepositoryNameException",
         fmt::format("The repository name '{}' is not valid. A repository name can be any valid "
                     "combination of letters, numbers, periods, underscores, and dashes between 1 "
                     "and 100 characters in length. Names are case sensitive. The suffix .git is "
                     "prohibited.",
                     name));
  return name;
}

Json load_repo(Context &c, const std::string &name) {
  auto repo = c.store.get_record(kService, "repo", repo_key(c, name));
  if (!repo)
    throw ServiceError("RepositoryDoesNotExistException", fmt::format("{} does not exist", name));
  return *repo;
}

void save_repo(Context &c, Json &repo) {
  repo["lastModifiedDate"] = state::now_iso8601();
  c.store.put_record(kService, "repo", repo_key(c, repo["repositoryName"]), repo);
}

std::string repo_arn(const Context &c, const std::string &name) {
  return fmt::format("arn:{}:codecommit:{}:{}:{}", c.partition, c.region, c.account, name);
}

Json metadata(const Context &c, const Json &repo) {
  std::string name = repo["repositoryName"];
  std::string host = fmt::format("git-codecommit.{}.amazonaws.com", c.region);
  Json out = {{"accountId", c.account},
              {"repositoryId", repo["repositoryId"]},
              {"repositoryName", name},
              {"lastModifiedDate", repo["lastModifiedDate"]},
              {"creationDate", repo["creationDate"]},
              {"cloneUrlHttp", fmt::format("https://{}/v1/repos/{}", host, name)},
              {"cloneUrlSsh", fmt::format("ssh://{}/v1/repos/{}", host, name)},
              {"Arn", repo_arn(c, name)}};
  for (const char *m : {"repositoryDescription", "defaultBranch", "kmsKeyId"})
    if (repo.contains(m))
      out[m] = repo[m];
  return out;
}

void check_description(const Json &input) {
  if (auto d = optional_string(input, "repositoryDescription"); d && utf8_length(*d) > 1000)
    fail("InvalidRepositoryDescriptionException",
         "The specified repository description is not valid. Descriptions must be 1,000 "
         "characters or fewer.");
}

Json checked_tags(const Json &input, std::string_view member, bool required) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null()) {
    if (required)
      fail("TagsMapRequiredException", "A map of tags is required.");
    return Json::object();
  }
  if (!it->is_object())
    fail("InvalidTagsMapException", "The map of tags is not valid.");
  for (const auto &[k, v] : it->items()) {
    if (k.empty() || utf8_length(k) > 128)
      fail("InvalidTagKeysListException",
           fmt::format("The tag key '{}' is not valid: keys are 1-128 characters.", k));
    if (!v.is_string() || utf8_length(v.get<std::string>()) > 256)
      fail("InvalidTagsMapException",
           fmt::format("The value of the tag '{}' is not valid: values are strings of at most 256 "
                       "characters.",
                       k));
    if (k.starts_with("aws:"))
      fail("InvalidSystemTagUsageException",
           "The tag key contains a prefix that is reserved for system tags (aws:).");
  }
  if (it->size() > 50)
    fail("TooManyTagsException",
         "The maximum number of tags for an AWS CodeCommit resource is 50.");
  return *it;
}

// ---- repositories -----------------------------------------------------------------------------

Json create_repository(Context &c, const Json &input) {
  std::string name = checked_name(input);
  check_description(input);
  Json tags = checked_tags(input, "tags", false);
  if (c.store.get_record(kService, "repo", repo_key(c, name)))
    fail("RepositoryNameExistsException", fmt::format("Repository named {} already exists", name));
  std::string now = state::now_iso8601();
  Json repo = {
      {"repositoryId", state::uuid4()}, {"repositoryName", name}, {"creationDate", now},
      {"lastModifiedDate", now},        {"tags", tags},           {"triggers", Json::array()}};
  if (auto d = optional_string(input, "repositoryDescription"))
    repo["repositoryDescription"] = *d;
  if (auto k = optional_string(input, "kmsKeyId")) {
    if (k->empty() || k->size() > 2048)
      fail("EncryptionKeyInvalidIdException", "The Key Management Service encryption key is not "
                                              "valid.");
    repo["kmsKeyId"] = *k;
  }
  c.store.put_record(kService, "repo", repo_key(c, name), repo);
  return Json{{"repositoryMetadata", metadata(c, repo)}};
}

Json get_repository(Context &c, const Json &input) {
  return Json{{"repositoryMetadata", metadata(c, load_repo(c, checked_name(input)))}};
}

Json list_repositories(Context &c, const Json &input) {
  std::string sort = optional_string(input, "sortBy").value_or("repositoryName");
  std::string order = optional_string(input, "order").value_or("ascending");
  if (sort != "repositoryName" && sort != "lastModifiedDate")
    fail("InvalidSortByException", "The specified sort by value is not valid.");
  if (order != "ascending" && order != "descending")
    fail("InvalidOrderException", "The specified sort order is not valid.");
  std::vector<Json> repos;
  for (auto &[key, r] : c.store.list_records(kService, "repo", c.region + ":"))
    repos.push_back(r);
  std::stable_sort(repos.begin(), repos.end(), [&](const Json &a, const Json &b) {
    return a[sort].get<std::string>() < b[sort].get<std::string>();
  });
  if (order == "descending")
    std::reverse(repos.begin(), repos.end());
  size_t start = 0;
  if (auto token = optional_string(input, "nextToken")) {
    try {
      start = std::stoul(*token);
    } catch (const std::exception &) {
      fail("InvalidContinuationTokenException", "The specified continuation token is not valid.");
    }
  }
  Json out = {{"repositories", Json::array()}};
  for (size_t i = start; i < repos.size() && i < start + 1000; ++i)
    out["repositories"].push_back({{"repositoryName", repos[i]["repositoryName"]},
                                   {"repositoryId", repos[i]["repositoryId"]}});
  if (start + 1000 < repos.size())
    out["nextToken"] = std::to_string(start + 1000);
  return out;
}

Json update_repository_description(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  check_description(input);
  if (auto d = optional_string(input, "repositoryDescription"))
    repo["repositoryDescription"] = *d;
  else
    repo.erase("repositoryDescription");
  save_repo(c, repo);
  return Json::object();
}

Json update_repository_name(Context &c, const Json &input) {
  std::string old_name = checked_name(input, "oldName");
  std::string new_name = checked_name(input, "newName");
  Json repo = load_repo(c, old_name);
  if (old_name == new_name)
    return Json::object();
  if (c.store.get_record(kService, "repo", repo_key(c, new_name)))
    fail("RepositoryNameExistsException",
         fmt::format("Repository named {} already exists", new_name));
  c.store.delete_record(kService, "repo", repo_key(c, old_name));
  repo["repositoryName"] = new_name;
  save_repo(c, repo);
  return Json::object();
}

Json delete_repository(Context &c, const Json &input) {
  std::string name = checked_name(input);
  auto repo = c.store.get_record(kService, "repo", repo_key(c, name));
  // Deleting a repository that does not exist succeeds with no id, as CodeCommit documents.
  if (!repo)
    return Json::object();
  std::string prefix = c.region + ":" + (*repo)["repositoryId"].get<std::string>() + ":";
  for (const char *kind : {"branch", "commit", "blob"})
    for (const auto &[key, _] : c.store.list_records(kService, kind, prefix))
      c.store.delete_record(kService, kind, key);
  c.store.delete_record(kService, "repo", repo_key(c, name));
  return Json{{"repositoryId", (*repo)["repositoryId"]}};
}

// ---- branches and commits ---------------------------------------------------------------------

std::string checked_branch(const Json &input, std::string_view member = "branchName") {
  auto name = optional_string(input, member);
  if (!name || name->empty())
    fail("BranchNameRequiredException", "A branch name is required, but was not specified.");
  if (name->size() > 256 || name->find("..") != std::string::npos || name->ends_with("/") ||
      name->ends_with(".lock") || name->starts_with("/") ||
      name->find_first_of(" ~^:?*[\\") != std::string::npos)
    fail("InvalidBranchNameException",
         fmt::format("The specified reference name '{}' is not valid.", *name));
  return *name;
}

std::optional<std::string> branch_head(Context &c, const Json &repo, const std::string &branch) {
  auto b = c.store.get_record(kService, "branch", child_key(c, repo, branch));
  if (!b)
    return std::nullopt;
  return (*b)["commitId"].get<std::string>();
}

Json load_commit(Context &c, const Json &repo, const std::string &id) {
  auto commit = c.store.get_record(kService, "commit", child_key(c, repo, id));
  if (!commit)
    fail("CommitDoesNotExistException", fmt::format("The specified commit {} does not exist", id));
  return *commit;
}

// A branch name or commit id as a commit id.
std::string resolve(Context &c, const Json &repo, const std::string &specifier) {
  if (auto head = branch_head(c, repo, specifier))
    return *head;
  if (c.store.get_record(kService, "commit", child_key(c, repo, specifier)))
    return specifier;
  fail("CommitDoesNotExistException",
       fmt::format("The specified commit specifier {} does not exist", specifier));
}

std::string checked_path(const Json &input, std::string_view member = "filePath") {
  auto path = optional_string(input, member);
  if (!path || path->empty())
    fail("PathRequiredException", "The folderPath for a location cannot be null.");
  std::string p = *path;
  if (p.starts_with("/"))
    p = p.substr(1);
  bool bad = p.empty() || p.ends_with("/");
  size_t start = 0;
  while (!bad && start <= p.size()) {
    size_t slash = p.find('/', start);
    std::string seg = p.substr(start, slash == std::string::npos ? slash : slash - start);
    bad = seg.empty() || seg == "." || seg == ".." || seg == ".git";
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  if (bad)
    fail("InvalidPathException", fmt::format("The specified path {} is not valid.", *path));
  return p;
}

std::string checked_mode(const Json &input) {
  std::string mode = optional_string(input, "fileMode").value_or("NORMAL");
  if (mode != "NORMAL" && mode != "EXECUTABLE" && mode != "SYMLINK")
    fail("InvalidFileModeException", fmt::format("The specified file mode {} is not valid.", mode));
  return mode;
}

// The bytes of a blob member (base64 text on the seam, or binary).
std::string blob_bytes(const Json &input, std::string_view member, const char *required_code) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    fail(required_code, "The file content is required, but was not specified.");
  if (it->is_binary())
    return std::string(it->get_binary().begin(), it->get_binary().end());
  if (!it->is_string())
    fail("InvalidParameterException", fmt::format("{} must be a blob.", member));
  auto bytes = base64_decode(it->get<std::string>());
  if (!bytes)
    fail("InvalidParameterException", fmt::format("{} is not valid base64.", member));
  return *bytes;
}

struct Change {
  std::string path, mode;
  std::optional<std::string> content; // nullopt: delete
};

struct Author {
  std::string name, email;
};

// Applies `changes` on top of `parent` (or an empty tree) and stores the new commit on `branch`.
Json commit_changes(Context &c, Json &repo, const std::string &branch,
                    const std::optional<std::string> &parent_id, const std::vector<Change> &changes,
                    const std::string &message, const Author &author, bool keep_empty = false) {
  Json files = Json::object();
  if (parent_id)
    files = load_commit(c, repo, *parent_id)["files"];
  Json put_blobs = Json::array();
  for (const auto &ch : changes) {
    if (!ch.content) {
      if (!files.contains(ch.path))
        fail("FileDoesNotExistException",
             fmt::format("The specified file {} does not exist.", ch.path));
      files.erase(ch.path);
      continue;
    }
    std::string blob =
        sha1_hex(fmt::format("blob {}", ch.content->size()) + std::string(1, '\0') + *ch.content);
    if (files.contains(ch.path) && files[ch.path]["blobId"] == blob &&
        files[ch.path]["fileMode"] == ch.mode && changes.size() == 1)
      fail("SameFileContentException",
           "The file could not be added because the provided file content is identical to the "
           "content of the file at the specified path.");
    // A file cannot be stored where a folder is, or below a file.
    for (const auto &[path, _] : files.items())
      if (path != ch.path && (path.starts_with(ch.path + "/") || ch.path.starts_with(path + "/")))
        fail("FileDirectoryConflictException",
             fmt::format("The file {} conflicts with {} (a file and a folder of the same name).",
                         ch.path, path));
    files[ch.path] = {{"blobId", blob}, {"fileMode", ch.mode}};
    c.store.put_record(kService, "blob", child_key(c, repo, blob),
                       Json{{"content", base64_encode(*ch.content)}});
    put_blobs.push_back({{"blobId", blob}, {"filePath", ch.path}, {"fileMode", ch.mode}});
  }
  std::string tree_text;
  for (const auto &[path, f] : files.items())
    tree_text += fmt::format("{} {} {}\n", f["fileMode"].get<std::string>(),
                             f["blobId"].get<std::string>(), path);
  std::string tree = sha1_hex("tree " + tree_text);
  if (parent_id && !keep_empty && load_commit(c, repo, *parent_id)["treeId"] == tree)
    fail("NoChangeException", "The commit cannot be created because no changes will be made to "
                              "the repository as a result of this commit.");
  std::string when = state::now_iso8601();
  Json person = {{"name", author.name}, {"email", author.email}, {"date", when}};
  std::string commit_text = fmt::format("tree {}\n", tree);
  if (parent_id)
    commit_text += fmt::format("parent {}\n", *parent_id);
  commit_text += fmt::format("author {} <{}> {}\n\n{}", author.name, author.email, when, message);
  std::string commit_id = sha1_hex("commit " + commit_text);
  Json commit = {{"commitId", commit_id},
                 {"treeId", tree},
                 {"parents", parent_id ? Json::array({*parent_id}) : Json::array()},
                 {"message", message},
                 {"author", person},
                 {"committer", person},
                 {"files", files}};
  c.store.put_record(kService, "commit", child_key(c, repo, commit_id), commit);
  c.store.put_record(kService, "branch", child_key(c, repo, branch), Json{{"commitId", commit_id}});
  if (!repo.contains("defaultBranch"))
    repo["defaultBranch"] = branch;
  save_repo(c, repo);
  return Json{{"commitId", commit_id}, {"treeId", tree}, {"filesAdded", put_blobs}};
}

// The parent a change to `branch` builds on: the head, which the caller must name when the
// branch has commits. An empty repository takes its first commit without one.
std::optional<std::string> checked_parent(Context &c, const Json &repo, const std::string &branch,
                                          const Json &input) {
  auto parent = optional_string(input, "parentCommitId");
  auto head = branch_head(c, repo, branch);
  if (head) {
    if (!parent)
      fail("ParentCommitIdRequiredException",
           "A parent commit ID is required. To view the full commit ID of a branch in a "
           "repository, use GetBranch or a Git command (for example, git pull or git log).");
    if (*parent != *head) {
      load_commit(c, repo, *parent);
      fail("ParentCommitIdOutdatedException",
           fmt::format("The parent commit ID {} is not the latest commit of branch {} ({}).",
                       *parent, branch, *head));
    }
    return head;
  }
  if (parent) {
    load_commit(c, repo, *parent);
    return parent;
  }
  if (!c.store
           .list_records(kService, "branch",
                         c.region + ":" + repo["repositoryId"].get<std::string>() + ":", 1)
           .empty())
    fail("ParentCommitIdRequiredException",
         fmt::format("A parent commit ID is required to create the branch {} in a repository "
                     "that already has commits.",
                     branch));
  return std::nullopt;
}

Author author_of(const Json &input, const char *name_member, const char *email_member) {
  return Author{optional_string(input, name_member).value_or("cfnlocal"),
                optional_string(input, email_member).value_or("")};
}

Json put_file(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  std::string branch = checked_branch(input);
  std::string content = blob_bytes(input, "fileContent", "FileContentRequiredException");
  if (content.size() > 6 * 1024 * 1024)
    fail("FileContentSizeLimitExceededException",
         "The file cannot be added because it is too large. The maximum file size is 6 MB.");
  std::string path = checked_path(input);
  std::string mode = checked_mode(input);
  std::string message = optional_string(input, "commitMessage").value_or("");
  auto parent = checked_parent(c, repo, branch, input);
  Json out = commit_changes(c, repo, branch, parent, {{path, mode, content}}, message,
                            author_of(input, "name", "email"));
  return Json{{"commitId", out["commitId"]},
              {"blobId", out["filesAdded"][0]["blobId"]},
              {"treeId", out["treeId"]}};
}

Json create_commit(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  std::string branch = checked_branch(input);
  std::vector<Change> changes;
  for (const auto &f : input.value("putFiles", Json::array())) {
    std::string content = f.contains("fileContent")
                              ? blob_bytes(f, "fileContent", "FileContentRequiredException")
                              : std::string();
    if (f.contains("sourceFile"))
      fail("InvalidParameterException",
           "The embedded CodeCommit does not copy files with sourceFile; give fileContent.");
    changes.push_back({checked_path(f), checked_mode(f), content});
  }
  for (const auto &f : input.value("deleteFiles", Json::array()))
    changes.push_back({checked_path(f), "", std::nullopt});
  if (changes.empty())
    fail("NoChangeException", "The commit cannot be created because no changes will be made to "
                              "the repository as a result of this commit.");
  std::set<std::string> seen;
  for (const auto &ch : changes)
    if (!seen.insert(ch.path).second)
      fail("FilePathConflictsWithSubmodulePathException",
           fmt::format("The file path {} appears more than once in the commit.", ch.path));
  auto parent = checked_parent(c, repo, branch, input);
  Json out = commit_changes(
      c, repo, branch, parent, changes, optional_string(input, "commitMessage").value_or(""),
      author_of(input, "authorName", "email"), optional_bool(input, "keepEmptyFolders"));
  return out;
}

Json get_file(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  std::string path = checked_path(input);
  std::string spec = optional_string(input, "commitSpecifier").value_or("");
  if (spec.empty()) {
    if (!repo.contains("defaultBranch"))
      fail("CommitDoesNotExistException", "The repository has no commits.");
    spec = repo["defaultBranch"];
  }
  std::string commit_id = resolve(c, repo, spec);
  Json commit = load_commit(c, repo, commit_id);
  if (!commit["files"].contains(path))
    fail("FileDoesNotExistException", fmt::format("The specified file {} does not exist.", path));
  const Json &f = commit["files"][path];
  auto blob = c.store.get_record(kService, "blob", child_key(c, repo, f["blobId"]));
  std::string content = blob ? (*blob)["content"].get<std::string>() : "";
  return Json{{"commitId", commit_id},
              {"blobId", f["blobId"]},
              {"filePath", path},
              {"fileMode", f["fileMode"]},
              {"fileSize", base64_decode(content).value_or("").size()},
              {"fileContent", content}};
}

Json get_commit(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  auto id = optional_string(input, "commitId");
  if (!id || id->empty())
    fail("CommitIdRequiredException", "A commit ID is required, but was not specified.");
  Json commit = load_commit(c, repo, *id);
  return Json{{"commit",
               {{"commitId", *id},
                {"treeId", commit["treeId"]},
                {"parents", commit["parents"]},
                {"message", commit["message"]},
                {"author", commit["author"]},
                {"committer", commit["committer"]},
                {"additionalData", ""}}}};
}

Json get_branch(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  std::string branch = checked_branch(input);
  auto head = branch_head(c, repo, branch);
  if (!head)
    fail("BranchDoesNotExistException", fmt::format("Could not find branch {}", branch));
  return Json{{"branch", {{"branchName", branch}, {"commitId", *head}}}};
}

Json create_branch(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  std::string branch = checked_branch(input);
  auto commit = optional_string(input, "commitId");
  if (!commit || commit->empty())
    fail("CommitIdRequiredException", "A commit ID is required, but was not specified.");
  if (branch_head(c, repo, branch))
    fail("BranchNameExistsException", fmt::format("Branch {} already exists", branch));
  std::string id = resolve(c, repo, *commit);
  c.store.put_record(kService, "branch", child_key(c, repo, branch), Json{{"commitId", id}});
  return Json::object();
}

Json delete_branch(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  std::string branch = checked_branch(input);
  auto head = branch_head(c, repo, branch);
  if (!head)
    return Json::object();
  if (repo.value("defaultBranch", "") == branch)
    fail("DefaultBranchCannotBeDeletedException",
         fmt::format("The default branch {} cannot be deleted.", branch));
  c.store.delete_record(kService, "branch", child_key(c, repo, branch));
  return Json{{"deletedBranch", {{"branchName", branch}, {"commitId", *head}}}};
}

Json list_branches(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  std::string prefix = c.region + ":" + repo["repositoryId"].get<std::string>() + ":";
  Json out = {{"branches", Json::array()}};
  for (const auto &[key, _] : c.store.list_records(kService, "branch", prefix))
    out["branches"].push_back(key.substr(prefix.size()));
  return out;
}

// ---- triggers ---------------------------------------------------------------------------------

Json put_repository_triggers(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  auto triggers = input.find("triggers");
  if (triggers == input.end() || !triggers->is_array())
    fail("RepositoryTriggersListRequiredException", "The list of triggers is required.");
  if (triggers->size() > 10)
    fail("MaximumRepositoryTriggersExceededException",
         "The number of triggers allowed for the repository was exceeded (10).");
  static const std::set<std::string> events = {"all", "updateReference", "createReference",
                                               "deleteReference"};
  std::set<std::string> names;
  for (const auto &t : *triggers) {
    auto name = optional_string(t, "name");
    if (!name || name->empty())
      fail("RepositoryTriggerNameRequiredException", "A name for the trigger is required.");
    if (!names.insert(*name).second)
      fail("InvalidRepositoryTriggerNameException",
           fmt::format("The trigger name {} is used more than once.", *name));
    auto dest = optional_string(t, "destinationArn");
    if (!dest || dest->empty())
      fail("RepositoryTriggerDestinationArnRequiredException",
           "A destination ARN for the target service for the trigger is required.");
    if (!dest->starts_with("arn:") ||
        (dest->find(":sns:") == std::string::npos && dest->find(":lambda:") == std::string::npos))
      fail("InvalidRepositoryTriggerDestinationArnException",
           fmt::format("The destination ARN {} is not an Amazon SNS topic or AWS Lambda "
                       "function ARN.",
                       *dest));
    auto ev = t.find("events");
    if (ev == t.end() || !ev->is_array() || ev->empty())
      fail("RepositoryTriggerEventsListRequiredException",
           "At least one event for the trigger is required.");
    for (const auto &e : *ev)
      if (!e.is_string() || !events.count(e.get<std::string>()))
        fail("InvalidRepositoryTriggerEventsException",
             fmt::format("The event {} is not valid: use all, updateReference, createReference "
                         "or deleteReference.",
                         e.dump()));
  }
  repo["triggers"] = *triggers;
  repo["triggersConfigurationId"] = state::uuid4();
  save_repo(c, repo);
  return Json{{"configurationId", repo["triggersConfigurationId"]}};
}

Json get_repository_triggers(Context &c, const Json &input) {
  Json repo = load_repo(c, checked_name(input));
  return Json{{"configurationId", repo.value("triggersConfigurationId", "")},
              {"triggers", repo.value("triggers", Json::array())}};
}

// ---- tags -------------------------------------------------------------------------------------

Json repo_of_arn(Context &c, const Json &input) {
  auto arn = optional_string(input, "resourceArn");
  if (!arn || arn->empty())
    fail("ResourceArnRequiredException", "A valid Amazon Resource Name (ARN) for an AWS "
                                         "CodeCommit resource is required.");
  std::string prefix = repo_arn(c, "");
  if (!arn->starts_with("arn:") || arn->find(":codecommit:") == std::string::npos)
    fail("InvalidResourceArnException",
         fmt::format("The value for the resource ARN {} is not valid.", *arn));
  if (!arn->starts_with(prefix))
    throw ServiceError("RepositoryDoesNotExistException", fmt::format("{} does not exist", *arn));
  return load_repo(c, arn->substr(prefix.size()));
}

Json tag_resource(Context &c, const Json &input) {
  Json repo = repo_of_arn(c, input);
  Json tags = repo.value("tags", Json::object());
  Json added = checked_tags(input, "tags", true);
  for (const auto &[k, v] : added.items())
    tags[k] = v;
  if (tags.size() > 50)
    fail("TooManyTagsException",
         "The maximum number of tags for an AWS CodeCommit resource is 50.");
  repo["tags"] = tags;
  save_repo(c, repo);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  Json repo = repo_of_arn(c, input);
  auto keys = input.find("tagKeys");
  if (keys == input.end() || !keys->is_array())
    fail("TagKeysListRequiredException", "A list of tag keys is required.");
  for (const auto &k : *keys)
    if (k.is_string())
      repo["tags"].erase(k.get<std::string>());
  save_repo(c, repo);
  return Json::object();
}

Json list_tags_for_resource(Context &c, const Json &input) {
  return Json{{"tags", repo_of_arn(c, input).value("tags", Json::object())}};
}

} // namespace
} // namespace codecommit

const HandlerTable &codecommit_handlers() {
  using namespace codecommit;
  static const HandlerTable table = {
      {"CreateRepository", create_repository},
      {"GetRepository", get_repository},
      {"ListRepositories", list_repositories},
      {"UpdateRepositoryDescription", update_repository_description},
      {"UpdateRepositoryName", update_repository_name},
      {"DeleteRepository", delete_repository},
      {"PutFile", put_file},
      {"CreateCommit", create_commit},
      {"GetFile", get_file},
      {"GetCommit", get_commit},
      {"GetBranch", get_branch},
      {"CreateBranch", create_branch},
      {"DeleteBranch", delete_branch},
      {"ListBranches", list_branches},
      {"PutRepositoryTriggers", put_repository_triggers},
      {"GetRepositoryTriggers", get_repository_triggers},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListTagsForResource", list_tags_for_resource},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
