select '{{ this }}' as seen_as where false
