#include "state/migrations.h"

namespace cfnlocal::state {

const std::vector<const char *> &migrations() {
  static const std::vector<const char *> list = {
      // 1: the initial schema.
      R"SQL(
CREATE TABLE stacks (
  stack_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  status_reason TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  creation_time TEXT NOT NULL DEFAULT '',
  last_updated_time TEXT NOT NULL DEFAULT '',
  deletion_time TEXT NOT NULL DEFAULT '',
  parameters TEXT NOT NULL DEFAULT '[]',
  capabilities TEXT NOT NULL DEFAULT '[]',
  tags TEXT NOT NULL DEFAULT '[]',
  notification_arns TEXT NOT NULL DEFAULT '[]',
  role_arn TEXT NOT NULL DEFAULT '',
  timeout_in_minutes INTEGER,
  disable_rollback INTEGER NOT NULL DEFAULT 0,
  termination_protection INTEGER NOT NULL DEFAULT 0,
  outputs TEXT NOT NULL DEFAULT '[]',
  template_body TEXT NOT NULL DEFAULT '',
  processed_template TEXT NOT NULL DEFAULT '',
  previous_template_body TEXT NOT NULL DEFAULT '',
  previous_processed_template TEXT NOT NULL DEFAULT '',
  previous_parameters TEXT NOT NULL DEFAULT '[]',
  parent_id TEXT NOT NULL DEFAULT '',
  root_id TEXT NOT NULL DEFAULT '',
  extra TEXT NOT NULL DEFAULT 'null',
  seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stacks_by_name ON stacks(name, status);

CREATE TABLE stack_resources (
  stack_id TEXT NOT NULL,
  logical_id TEXT NOT NULL,
  generation INTEGER NOT NULL DEFAULT 0,
  physical_id TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  status_reason TEXT NOT NULL DEFAULT '',
  properties TEXT NOT NULL DEFAULT 'null',
  attributes TEXT NOT NULL DEFAULT 'null',
  definition TEXT NOT NULL DEFAULT 'null',
  created_time TEXT NOT NULL DEFAULT '',
  last_updated_time TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (stack_id, logical_id, generation)
) WITHOUT ROWID;
CREATE INDEX stack_resources_by_physical_id ON stack_resources(physical_id);

CREATE TABLE stack_events (
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  stack_id TEXT NOT NULL,
  stack_name TEXT NOT NULL,
  logical_id TEXT NOT NULL DEFAULT '',
  physical_id TEXT NOT NULL DEFAULT '',
  resource_type TEXT NOT NULL DEFAULT '',
  timestamp TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT '',
  status_reason TEXT NOT NULL DEFAULT '',
  properties TEXT NOT NULL DEFAULT '',
  client_request_token TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stack_events_by_stack ON stack_events(stack_id, seq);

CREATE TABLE exports (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  exporting_stack_id TEXT NOT NULL,
  output_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exports_by_stack ON exports(exporting_stack_id);

CREATE TABLE imports (
  export_name TEXT NOT NULL,
  importing_stack_id TEXT NOT NULL,
  importing_stack_name TEXT NOT NULL,
  PRIMARY KEY (export_name, importing_stack_id)
) WITHOUT ROWID;
CREATE INDEX imports_by_stack ON imports(importing_stack_id);

CREATE TABLE change_sets (
  change_set_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  stack_id TEXT NOT NULL,
  stack_name TEXT NOT NULL,
  change_set_type TEXT NOT NULL DEFAULT 'UPDATE',
  status TEXT NOT NULL DEFAULT '',
  execution_status TEXT NOT NULL DEFAULT '',
  status_reason TEXT NOT NULL DEFAULT '',
  creation_time TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  changes TEXT NOT NULL DEFAULT '[]',
  template_body TEXT NOT NULL DEFAULT '',
  parameters TEXT NOT NULL DEFAULT '[]',
  capabilities TEXT NOT NULL DEFAULT '[]',
  tags TEXT NOT NULL DEFAULT '[]',
  extra TEXT NOT NULL DEFAULT 'null',
  seq INTEGER NOT NULL DEFAULT 0,
  UNIQUE (stack_id, name)
);

CREATE TABLE service_records (
  service TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (service, kind, key)
) WITHOUT ROWID;

CREATE TABLE stack_locks (
  stack_name TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  pid_start TEXT NOT NULL DEFAULT '',
  hostname TEXT NOT NULL,
  operation TEXT NOT NULL,
  since TEXT NOT NULL,
  token TEXT NOT NULL
);
)SQL",
      // 2: resource signals (SignalResource, cfn-signal, wait condition handle URLs).
      R"SQL(
CREATE TABLE resource_signals (
  seq INTEGER PRIMARY KEY,
  stack_id TEXT NOT NULL,
  target TEXT NOT NULL,
  unique_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '',
  received_time TEXT NOT NULL,
  UNIQUE (stack_id, target, unique_id)
);
)SQL",
  };
  return list;
}

} // namespace cfnlocal::state
