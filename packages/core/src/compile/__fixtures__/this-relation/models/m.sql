select '{{ this }}' as seen_as
