-- version absent False
-- docs {'show': True}
-- columns {'id': {'name': 'id', 'description': 'the id', 'meta': {}, 'constraints': [], 'config': {'meta': {}, 'tags': []}, 'tags': [], 'doc_blocks': []}}
-- config {'enabled': True, 'tags': ['t1'], 'meta': {}, 'materialized': 'table', 'lookback': 1, 'persist_docs': {}, 'post-hook': [], 'pre-hook': [], 'quoting': {}, 'column_types': {}, 'on_schema_change': 'ignore', 'on_configuration_change': 'apply', 'grants': {}, 'packages': [], 'docs': {'show': True}, 'contract': {'enforced': False, 'alias_types': True}, 'access': 'protected'}
-- keys ['database', 'schema', 'name', 'resource_type', 'package_name', 'path', 'original_file_path', 'unique_id', 'fqn', 'alias', 'checksum', 'config', 'tags', 'description', 'columns', 'meta', 'docs', 'patch_path', 'unrendered_config', 'created_at', 'config_call_dict', 'relation_name', 'raw_code', 'doc_blocks', 'language', 'refs', 'sources', 'metrics', 'depends_on', 'contract', 'access', 'constraints', 'primary_key']
-- unrendered {'tags': ['t1'], 'materialized': 'table'}
select 1 as id