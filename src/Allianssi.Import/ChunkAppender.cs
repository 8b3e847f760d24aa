using System.Text;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Allianssi.Import;

/// <summary>
/// Appends rows to one DuckDB table through DuckDB's C data-chunk API (as DuckDB.NET's own appender does underneath):
/// rows are written in place into <see cref="RowChunk"/>s, and each full chunk is handed to the table's appender.
/// </summary>
/// <remarks>
/// <para>
/// Why not <see cref="DuckDBAppender"/>: it dispatches every value through a generic writer and marshals every string
/// into a freshly allocated native copy, and it fills and appends on one thread. Here a chunk can be filled on one
/// thread (the import's parse worker) and appended on another (the connection's), so DuckDB's own work on a chunk
/// (constraint checks, compression, writing row groups to the file) overlaps the parsing of the next (ADR 0006).
/// </para>
/// <para>
/// Values are the CLR types <see cref="RowParser"/> produces, one per table column after <c>batch_id</c> and
/// <c>row_no</c>: <see cref="string"/> (VARCHAR), <see cref="DateOnly"/> (DATE), <see cref="DateTime"/> (TIMESTAMP),
/// <see cref="decimal"/> (DECIMAL stored as BIGINT), <see cref="double"/> (DOUBLE), <see cref="int"/> (INTEGER or
/// DOUBLE), <see cref="bool"/> (BOOLEAN), or null. A value of any other type for its column is a programming error.
/// The appender is used on one thread at a time; each chunk by one thread at a time.
/// </para>
/// </remarks>
internal sealed class ChunkAppender : IDisposable
{
    private readonly DuckDB.NET.Native.DuckDBAppender _appender;
    private readonly DuckDBLogicalType[] _types;
    private readonly ChunkLayout _layout;
    private bool _closed;

    public ChunkAppender(DuckDBConnection connection, string table)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (NativeMethods.Appender.DuckDBAppenderCreate(connection.NativeConnection, null!, table, out _appender) != DuckDBState.Success)
        {
            var message = Error();
            _appender.Dispose();
            throw new InvalidOperationException($"Cannot append to {table}: {message}");
        }

        var count = (int)NativeMethods.Appender.DuckDBAppenderColumnCount(_appender);
        _types = new DuckDBLogicalType[count];
        var kinds = new DuckDBType[count];
        var scales = new long[count];
        for (var i = 0; i < count; i++)
        {
            _types[i] = NativeMethods.Appender.DuckDBAppenderColumnType(_appender, (ulong)i);
            kinds[i] = NativeMethods.LogicalType.DuckDBGetTypeId(_types[i]);
            if (kinds[i] == DuckDBType.Decimal)
            {
                if (NativeMethods.LogicalType.DuckDBDecimalInternalType(_types[i]) != DuckDBType.BigInt)
                {
                    throw new InvalidOperationException($"Column {i} of {table}: only DECIMAL stored as BIGINT (width 10 to 18) is supported.");
                }

                scales[i] = (long)Math.Pow(10, NativeMethods.LogicalType.DuckDBDecimalScale(_types[i]));
            }
            else if (kinds[i] is not (DuckDBType.BigInt or DuckDBType.Integer or DuckDBType.Varchar or DuckDBType.Date or DuckDBType.Timestamp
                or DuckDBType.Double or DuckDBType.Boolean))
            {
                throw new InvalidOperationException($"Column {i} of {table}: type {kinds[i]} is not supported by the import's appender.");
            }
        }

        _layout = new ChunkLayout([.. _types.Select(t => t.DangerousGetHandle())], kinds, scales, NativeMethods.Helpers.DuckDBVectorSize());
    }

    /// <summary>An empty chunk with this table's columns, to fill with <see cref="RowChunk.Add"/> and pass to <see cref="Append"/>.</summary>
    public RowChunk CreateChunk() => new(_layout);

    /// <summary>Hands <paramref name="chunk"/>'s rows to DuckDB (they join the connection's transaction) and empties it for reuse.</summary>
    public void Append(RowChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ObjectDisposedException.ThrowIf(_closed, this);
        if (chunk.Count == 0)
        {
            return;
        }

        NativeMethods.DataChunks.DuckDBDataChunkSetSize(chunk.Handle, chunk.Count);
        if (NativeMethods.Appender.DuckDBAppendDataChunk(_appender, chunk.Handle) != DuckDBState.Success)
        {
            throw new InvalidOperationException($"Appending failed: {Error()}");
        }

        chunk.Reset();
    }

    /// <summary>Flushes DuckDB's side and closes the appender.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        if (NativeMethods.Appender.DuckDBAppenderClose(_appender) != DuckDBState.Success)
        {
            throw new InvalidOperationException($"Appending failed: {Error()}");
        }
    }

    public void Dispose()
    {
        _closed = true;
        foreach (var type in _types)
        {
            type?.Dispose();
        }

        _appender.Dispose();
    }

    private string Error()
    {
        using var error = NativeMethods.Appender.DuckDBAppenderErrorData(_appender);
        return NativeMethods.ErrorData.DuckDBErrorDataMessage(error);
    }
}

/// <summary>A table's column types as DuckDB chunks need them.</summary>
internal sealed record ChunkLayout(IntPtr[] TypeHandles, DuckDBType[] Kinds, long[] DecimalScales, ulong Capacity);

/// <summary>One DuckDB data chunk being filled with rows in place; see <see cref="ChunkAppender"/>.</summary>
internal sealed unsafe class RowChunk : IDisposable
{
    private const int DuckDbEpochDay = 719_162; // DateOnly.DayNumber of 1970-01-01
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private readonly ChunkLayout _layout;
    private readonly IntPtr[] _vectors;
    private readonly void*[] _data;
    private readonly ulong*[] _validity;
    private byte[] _utf8 = new byte[1024];

    internal RowChunk(ChunkLayout layout)
    {
        _layout = layout;
        Handle = NativeMethods.DataChunks.DuckDBCreateDataChunk(layout.TypeHandles, (ulong)layout.Kinds.Length);
        _vectors = new IntPtr[layout.Kinds.Length];
        _data = new void*[layout.Kinds.Length];
        _validity = new ulong*[layout.Kinds.Length];
        Attach();
    }

    /// <summary>Rows in the chunk.</summary>
    public ulong Count { get; private set; }

    internal DuckDBDataChunk Handle { get; }

    /// <summary>Adds one row: <paramref name="batchId"/>, <paramref name="rowNo"/>, then <paramref name="values"/> (copied). True when the chunk is full.</summary>
    public bool Add(long batchId, int rowNo, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length + 2 != _layout.Kinds.Length)
        {
            throw new ArgumentException($"Expected {_layout.Kinds.Length - 2} values, got {values.Length}.", nameof(values));
        }

        if (Count == _layout.Capacity)
        {
            throw new InvalidOperationException("The chunk is full.");
        }

        var row = Count;
        ((long*)_data[0])[row] = batchId;
        ((int*)_data[1])[row] = rowNo;
        for (var i = 0; i < values.Length; i++)
        {
            Set(i + 2, row, values[i]);
        }

        return ++Count == _layout.Capacity;
    }

    public void Dispose() => Handle.Dispose();

    /// <summary>Empties the chunk after DuckDB has taken its rows.</summary>
    internal void Reset()
    {
        // A reset chunk may hand out other buffers and drops its validity masks: fetch the pointers again.
        NativeMethods.DataChunks.DuckDBDataChunkReset(Handle);
        Count = 0;
        Attach();
    }

    private void Set(int column, ulong row, object? value)
    {
        var kind = _layout.Kinds[column];
        switch (value)
        {
            case null:
                SetNull(column, row);
                break;
            case string text when kind == DuckDBType.Varchar:
                SetText(column, row, text);
                break;
            case DateOnly date when kind == DuckDBType.Date:
                ((int*)_data[column])[row] = date.DayNumber - DuckDbEpochDay;
                break;
            case DateTime time when kind == DuckDBType.Timestamp:
                ((long*)_data[column])[row] = (time.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMicrosecond;
                break;
            case decimal money when kind == DuckDBType.Decimal:
                ((long*)_data[column])[row] = decimal.ToInt64(decimal.Round(money * _layout.DecimalScales[column], 0, MidpointRounding.AwayFromZero));
                break;
            case double number when kind == DuckDBType.Double:
                ((double*)_data[column])[row] = number;
                break;
            case int whole when kind == DuckDBType.Integer:
                ((int*)_data[column])[row] = whole;
                break;
            case int whole when kind == DuckDBType.Double:
                ((double*)_data[column])[row] = whole;
                break;
            case bool flag when kind == DuckDBType.Boolean:
                ((byte*)_data[column])[row] = flag ? (byte)1 : (byte)0;
                break;
            default:
                throw new InvalidOperationException($"A {value.GetType().Name} cannot be appended to column {column} ({kind}).");
        }
    }

    private void SetText(int column, ulong row, string text)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(text, _utf8);
        fixed (byte* bytes = _utf8)
        {
            // DuckDB copies the bytes (into the vector's string heap when longer than its inline 12).
            NativeMethods.Vectors.DuckDBVectorAssignStringElementLength(_vectors[column], row, bytes, length);
        }
    }

    private void SetNull(int column, ulong row)
    {
        if (_validity[column] == null)
        {
            NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(_vectors[column]);
            _validity[column] = NativeMethods.Vectors.DuckDBVectorGetValidity(_vectors[column]);
        }

        _validity[column][row / 64] &= ~(1UL << (int)(row % 64));
    }

    private void Attach()
    {
        for (var i = 0; i < _vectors.Length; i++)
        {
            _vectors[i] = NativeMethods.DataChunks.DuckDBDataChunkGetVector(Handle, i);
            _data[i] = NativeMethods.Vectors.DuckDBVectorGetData(_vectors[i]);
            _validity[i] = null;
        }
    }
}
