using System.Collections.Concurrent;
using System.Threading.Channels;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Store;

namespace Allianssi.Web.Infrastructure;

/// <summary>The in-process job queue: job ids on an unbounded channel, with the running jobs' cancellation.</summary>
internal sealed class JobQueue : IJobRunner
{
    private readonly Channel<long> _channel = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();

    public ChannelReader<long> Reader => _channel.Reader;

    public ValueTask EnqueueAsync(long jobId, CancellationToken ct = default) => _channel.Writer.WriteAsync(jobId, ct);

    public bool Cancel(long jobId)
    {
        if (_running.TryGetValue(jobId, out var source))
        {
            source.Cancel();
            return true;
        }

        return false;
    }

    public CancellationTokenSource Start(long jobId, CancellationToken stopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[jobId] = source;
        return source;
    }

    public void Finish(long jobId)
    {
        if (_running.TryRemove(jobId, out var source))
        {
            source.Dispose();
        }
    }
}

/// <summary>
/// Runs queued jobs one at a time (the analytical store has one writer per process), each in its
/// own DI scope; a job's record carries its progress, outcome and error.
/// </summary>
internal sealed partial class ComputeJobWorker(JobQueue queue, IServiceScopeFactory scopes, ILogger<ComputeJobWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var source = queue.Start(id, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RunComputeJob>().ExecuteAsync(id, source.Token);
                LogFinished(log, id);
            }
#pragma warning disable CA1031 // The worker outlives any one job.
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(log, id, e.GetType().Name);
            }
            finally
            {
                queue.Finish(id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} finished")]
    private static partial void LogFinished(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed with {ErrorType}")]
    private static partial void LogFailed(ILogger logger, long jobId, string errorType);
}

/// <summary>Registers the background computations of the web app (the use cases are registered by <c>AddAllianssi</c>).</summary>
internal static class ComputeJobServices
{
    public static IServiceCollection AddComputeJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobQueue>();
        services.AddSingleton<IJobRunner>(sp => sp.GetRequiredService<JobQueue>());
        services.AddHostedService<ComputeJobWorker>();
        return services;
    }
}
