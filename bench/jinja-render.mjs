// Render-time benchmark for @tsdbt/jinja. Build first: npx tsc --build packages/jinja
// Usage: node bench/jinja-render.mjs
import { createRequire } from "module";
const require = createRequire(import.meta.url);
const { createEnvironment, hostFunction } = require("../packages/jinja/dist/index.js");

const model = `{{ config(materialized='incremental', unique_key='id') }}
{%- set payment_methods = ['credit_card', 'coupon', 'bank_transfer', 'gift_card'] -%}
with orders as (
    select * from {{ ref('stg_orders') }}
),
payments as (
    select * from {{ ref('stg_payments') }}
),
order_payments as (
    select
        order_id,
        {% for payment_method in payment_methods -%}
        sum(case when payment_method = '{{ payment_method }}' then amount else 0 end) as {{ payment_method }}_amount,
        {% endfor -%}
        sum(amount) as total_amount
    from payments
    group by order_id
)
select
    orders.order_id,
    orders.customer_id,
    orders.order_date,
    order_payments.total_amount
from orders
left join order_payments on orders.order_id = order_payments.order_id
{% if is_incremental() %}
where orders.order_date > (select max(order_date) from {{ this }})
{% endif %}
`;

const macroHeavy = `{% macro col_list(cols, prefix='') -%}
{%- for c in cols %}{{ prefix ~ c.name | lower }}{{ ', ' if not loop.last }}{% endfor -%}
{%- endmacro %}
{% macro safe_cast(col, type) %}cast({{ col }} as {{ type | upper }}){% endmacro %}
{%- set ns = namespace(parts=[]) -%}
{%- for c in columns if c.type != 'skip' -%}
{%- do ns.parts.append(safe_cast(c.name, c.type)) -%}
{%- endfor -%}
select {{ col_list(columns, 't.') }}, {{ ns.parts | join(', ') }}
from {{ ref('src') }} t
where {{ columns | selectattr('type', 'equalto', 'int') | map(attribute='name') | join(' + ') }} > 0
`;

const context = {
  config: hostFunction(() => ""),
  ref: hostFunction((a) => `"db"."main"."${a[0]}"`),
  is_incremental: () => true,
  this: '"db"."main"."orders"',
  columns: Array.from({ length: 40 }, (_, i) => ({ name: `Col_${i}`, type: i % 3 === 0 ? "int" : "text" })),
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bench(name, source, n) {
  const cold = [];
  for (let i = 0; i < 20; i++) {
    const env = createEnvironment();
    const t = process.hrtime.bigint();
    env.render(source, context, { file: "bench.sql" });
    cold.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  const env = createEnvironment();
  env.render(source, context, { file: "bench.sql" });
  const warm = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    env.render(source, context, { file: "bench.sql" });
    warm.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  console.log(`${name}: cold compile+render median ${median(cold).toFixed(0)} µs, cached render median ${median(warm).toFixed(1)} µs (${n} renders)`);
}

bench("typical 30-line model", model, 5000);
bench("macro-heavy model (40 columns)", macroHeavy, 2000);
