namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// DynamoDB rejects items over 400 KB, and a rejected write would lose a whole phase record.
/// Callers already cut output tails to 2 KB; these caps are the store's own guard so that no
/// input (a huge reason, many instances, a chatty Puppet Master) can push an item over.
/// </summary>
internal static class ItemLimits
{
    public const int ReasonChars = 4_096;
    public const int DetailValueChars = 4_096;
    public const int OutputTailChars = 2_048;
    public const int SubStepMessageChars = 512;
    /// <summary>Sub-step names and statuses are labels (a stage, PROGRESS); a long one is garbage.</summary>
    public const int LabelChars = 64;
    /// <summary>Progress steps kept per phase; a Puppet Master sends a handful, so more means a loop.</summary>
    public const int MaxSubSteps = 100;
    /// <summary>
    /// Room kept for sub-steps that signals append after (or before) the phase is written: a
    /// full list of capped steps, so appends can never push a phase item over the limit.
    /// </summary>
    public const int SubStepReserveBytes = MaxSubSteps * ((SubStepMessageChars + (2 * LabelChars)) * 4 + 100);
    /// <summary>Room kept for a phase's detail map (a handful of keys, each capped) when instances are sized.</summary>
    public const int DetailReserveBytes = 16 * (DetailValueChars + 64);
    /// <summary>Estimated item budget, well under 400 KB to leave room for names and overhead.</summary>
    public const int ItemBudgetBytes = 380_000;

    public static string? Cap(string? value, int maxChars) =>
        value is null || value.Length <= maxChars ? value : string.Concat(value.AsSpan(0, maxChars - 1), "…");

    /// <summary>Output tails keep their end: the last lines say why a run failed.</summary>
    public static string CapTail(string value, int maxChars) =>
        value.Length <= maxChars ? value : string.Concat("…", value.AsSpan(value.Length - (maxChars - 1)));
}
