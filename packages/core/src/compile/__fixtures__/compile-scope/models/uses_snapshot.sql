select * from {{ ref('snap') }}
{% if execute %}-- {{ graph.nodes['model.eph.base'].name }} {{ graph.sources['source.eph.raw.things'].identifier }} {{ config.get('materialized') }}{% endif %}
