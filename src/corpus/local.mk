# src/corpus: corpora declared in vecdoc.yml and their statistics.
