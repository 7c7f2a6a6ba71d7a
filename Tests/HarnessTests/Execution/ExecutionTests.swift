import Testing

/// Every test that runs Python. Serialized: an interrupt test stops *all* live runs (that
/// is the point of Ctrl-C), so no other run may be live while it runs.
@Suite(.serialized, .tags(.python)) struct ExecutionTests {}
