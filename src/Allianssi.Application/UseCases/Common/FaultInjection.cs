namespace Allianssi.Application.UseCases.Common;

/// <summary>
/// Test-only pauses for the fault tests, which kill the real process while it waits midway through
/// a piece of work (tests/Allianssi.IntegrationTests/Faults). Off unless the environment variable
/// <c>ALLIANSSI_FAULT_PAUSE_AT</c> names a point when the process starts; never set it in production.
/// </summary>
/// <remarks>
/// Points: <c>compute-before-commit</c> (a computation's results and audit entry written, its
/// transaction still open); <c>commit:&lt;audit action&gt;</c>, e.g. <c>commit:approve-result</c> (a save
/// that records that action written, its transaction still open); <c>approve-before-lock</c> (an
/// approval committed, the lock it completes not yet written). At the point the process writes
/// <c>fault-injection: paused at &lt;point&gt;</c> to standard error and waits five minutes (long enough for a test on a busy machine), then goes on.
/// </remarks>
public static class FaultInjection
{
    /// <summary>The environment variable that names the point to pause at.</summary>
    public const string Variable = "ALLIANSSI_FAULT_PAUSE_AT";

    /// <summary>How long a pause lasts when nothing kills the process.</summary>
    public static readonly TimeSpan PauseLength = TimeSpan.FromMinutes(5);

    private static readonly string? Point = Environment.GetEnvironmentVariable(Variable);

    /// <summary>Whether a pause point is set for this process.</summary>
    public static bool IsEnabled => !string.IsNullOrEmpty(Point);

    /// <summary>Pauses when <paramref name="point"/> is the configured point; otherwise returns at once.</summary>
    public static async Task PauseAsync(string point)
    {
        if (!IsEnabled || !string.Equals(Point, point, StringComparison.Ordinal))
        {
            return;
        }

        await Console.Error.WriteLineAsync($"fault-injection: paused at {point}").ConfigureAwait(false);
        await Console.Error.FlushAsync().ConfigureAwait(false);
        // Not cancellable: the test decides when the process ends, not the request.
        await Task.Delay(PauseLength, CancellationToken.None).ConfigureAwait(false);
    }
}
