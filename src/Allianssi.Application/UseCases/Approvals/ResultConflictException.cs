namespace Allianssi.Application.UseCases.Approvals;

/// <summary>A request conflicts with the state of an approval or lock (HTTP 409).</summary>
public class ResultConflictException : Exception
{
    public ResultConflictException()
    {
    }

    public ResultConflictException(string message)
        : base(message)
    {
    }

    public ResultConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A change to data that feeds a locked result was refused; the message names the lock.</summary>
public sealed class ResultLockedException : ResultConflictException
{
    public ResultLockedException()
    {
    }

    public ResultLockedException(string message)
        : base(message)
    {
    }

    public ResultLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The lock that refused the change.</summary>
    public int? LockId { get; init; }

    /// <summary>The locked scope: a period code, or period/year.</summary>
    public string? Scope { get; init; }

    /// <summary>The SHA-256 of the locked snapshot.</summary>
    public string? SnapshotHash { get; init; }

    /// <summary>What the refused change was to (e.g. "ledger line of a party for a year"), without values.</summary>
    public string? Change { get; init; }
}
