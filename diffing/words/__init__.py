"""Word diff: ``str x str -> spans`` that rebuild both texts exactly.

``tokens`` cuts text into words, numbers, punctuation and whitespace; ``worddiff`` runs
diff-match-patch over tokens; ``readability`` moves change boundaries to where a reader expects them.
"""
