import { accessMethod, configMethod, groupMethod, packageMethod, resourceTypeMethod, tagMethod, versionMethod } from "./attribute-methods";
import { fileMethod, fqnMethod, pathMethod } from "./name-methods";
import { exposureMethod, metricMethod, needsRunResultsMethod, savedQueryMethod, semanticModelMethod, sourceMethod, unitTestMethod } from "./resource-methods";
import type { SelectorMethod } from "./selector-method";
import { stateMethod } from "./state-method";
import { testNameMethod, testTypeMethod } from "./test-methods";

/**
 * The member-matching methods by name. `selector:` is not here: it refers to selectors.yml
 * and is resolved by the evaluator.
 */
export const SELECTOR_METHODS: Readonly<Record<string, SelectorMethod>> = {
  fqn: fqnMethod,
  tag: tagMethod,
  path: pathMethod,
  file: fileMethod,
  source: sourceMethod,
  exposure: exposureMethod,
  resource_type: resourceTypeMethod,
  package: packageMethod,
  config: configMethod,
  test_type: testTypeMethod,
  test_name: testNameMethod,
  state: stateMethod,
  group: groupMethod,
  access: accessMethod,
  version: versionMethod,
  unit_test: unitTestMethod,
  metric: metricMethod,
  semantic_model: semanticModelMethod,
  saved_query: savedQueryMethod,
  result: needsRunResultsMethod,
  source_status: needsRunResultsMethod,
};
