"""Records: agreements as versioned records in git.

Semantic diffs between revisions, the history of each agreement, sealing
(recording the fingerprint of a signed agreement in it) and SSH signatures
over the sealed fingerprint. ``git`` and ``ssh-keygen`` are each run from one
module only.
"""
