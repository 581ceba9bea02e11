using System.Buffers.Binary;

namespace StrategyPortal.Infrastructure.Pdf;

/// <summary>
/// Shrinks a TrueType font to the glyphs of a set of characters, keeping glyph ids (unused glyphs
/// become empty), dropping the layout tables a PDF does not use and the glyph names. Skia's PDF
/// backend embeds the font it is given, so handing it this subset keeps documents small.
/// </summary>
public static class TrueTypeSubsetter
{
    // Hinting tables (cvt, fpgm, prep) go with the glyph instructions: PDF viewers rasterise unhinted.
    private static readonly HashSet<string> KeptTables = ["cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "glyf", "loca"];

    public sealed record Result(byte[] Font, IReadOnlySet<int> CoveredCodePoints);

    public static Result Subset(byte[] font, IEnumerable<int> codePoints)
    {
        var tables = ReadTableDirectory(font);
        foreach (var required in new[] { "head", "maxp", "loca", "glyf", "cmap", "hmtx" })
            if (!tables.ContainsKey(required)) throw new InvalidDataException($"Not a TrueType outline font: table '{required}' is missing.");

        var head = Slice(font, tables["head"]);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["maxp"].Offset + 4));
        var offsets = ReadLoca(font, tables["loca"], glyphCount, longLoca);
        var glyf = Slice(font, tables["glyf"]);
        var cmap = ReadCmap(font, tables["cmap"]);

        var covered = new HashSet<int>();
        var keep = new HashSet<int> { 0 };
        var visited = new HashSet<int>();
        foreach (var cp in codePoints)
        {
            if (!cmap.TryGetValue(cp, out var gid) || gid == 0) continue;
            covered.Add(cp);
            AddWithComponents(gid, glyf, offsets, keep, visited);
        }

        using var newGlyf = new MemoryStream();
        var newLoca = new byte[(glyphCount + 1) * 4];
        for (var g = 0; g < glyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(g * 4), (uint)newGlyf.Length);
            if (!keep.Contains(g)) continue;
            var unhinted = WithoutInstructions(glyf.AsSpan(offsets[g], offsets[g + 1] - offsets[g]));
            newGlyf.Write(unhinted);
            while (newGlyf.Length % 4 != 0) newGlyf.WriteByte(0);
        }
        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(glyphCount * 4), (uint)newGlyf.Length);

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (tag, entry) in tables)
        {
            if (!KeptTables.Contains(tag)) continue;
            output[tag] = tag switch
            {
                "glyf" => newGlyf.ToArray(),
                "loca" => newLoca,
                "head" => WithLongLoca(head),
                "post" => PostWithoutNames(Slice(font, entry)),
                _ => Slice(font, entry),
            };
        }
        return new Result(Write(output), covered);
    }

    private static void AddWithComponents(int gid, byte[] glyf, int[] offsets, HashSet<int> keep, HashSet<int> visited)
    {
        var pending = new Stack<int>();
        pending.Push(gid);
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            if (g < 0 || g >= offsets.Length - 1 || !visited.Add(g)) continue;
            keep.Add(g);
            var start = offsets[g];
            if (offsets[g + 1] - start < 10) continue;
            if (BinaryPrimitives.ReadInt16BigEndian(glyf.AsSpan(start)) >= 0) continue;
            // Composite glyph: walk its components (flags, glyph index, arguments, optional transform).
            var p = start + 10;
            ushort flags;
            do
            {
                flags = BinaryPrimitives.ReadUInt16BigEndian(glyf.AsSpan(p));
                var component = BinaryPrimitives.ReadUInt16BigEndian(glyf.AsSpan(p + 2));
                pending.Push(component);
                p += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
                if ((flags & 0x0008) != 0) p += 2;
                else if ((flags & 0x0040) != 0) p += 4;
                else if ((flags & 0x0080) != 0) p += 8;
            } while ((flags & 0x0020) != 0);
        }
    }

    /// <summary>A glyph's outline without its hinting program.</summary>
    private static byte[] WithoutInstructions(ReadOnlySpan<byte> glyph)
    {
        if (glyph.Length < 10) return glyph.ToArray();
        var contours = BinaryPrimitives.ReadInt16BigEndian(glyph);
        if (contours >= 0)
        {
            var lengthAt = 10 + 2 * contours;
            var instructions = BinaryPrimitives.ReadUInt16BigEndian(glyph[lengthAt..]);
            var result = new byte[glyph.Length - instructions];
            glyph[..lengthAt].CopyTo(result);
            glyph[(lengthAt + 2 + instructions)..].CopyTo(result.AsSpan(lengthAt + 2));
            return result;
        }
        var p = 10;
        ushort flags;
        var copy = glyph.ToArray();
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[p..]);
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(p), (ushort)(flags & ~0x0100));
            p += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            if ((flags & 0x0008) != 0) p += 2;
            else if ((flags & 0x0040) != 0) p += 4;
            else if ((flags & 0x0080) != 0) p += 8;
        } while ((flags & 0x0020) != 0);
        return copy[..p];
    }

    private sealed record TableEntry(int Offset, int Length);

    private static Dictionary<string, TableEntry> ReadTableDirectory(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, TableEntry>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + 16 * i;
            var tag = System.Text.Encoding.ASCII.GetString(font, record, 4);
            tables[tag] = new TableEntry((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8)), (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12)));
        }
        return tables;
    }

    private static byte[] Slice(byte[] font, TableEntry entry) => font.AsSpan(entry.Offset, entry.Length).ToArray();

    private static int[] ReadLoca(byte[] font, TableEntry loca, int glyphCount, bool longFormat)
    {
        var offsets = new int[glyphCount + 1];
        for (var i = 0; i <= glyphCount; i++)
            offsets[i] = longFormat
                ? (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca.Offset + i * 4))
                : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(loca.Offset + i * 2)) * 2;
        return offsets;
    }

    /// <summary>Code point → glyph id from the Unicode cmap subtables (formats 4 and 12).</summary>
    private static Dictionary<int, int> ReadCmap(byte[] font, TableEntry cmap)
    {
        var map = new Dictionary<int, int>();
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(cmap.Offset + 2));
        for (var i = 0; i < count; i++)
        {
            var record = cmap.Offset + 4 + i * 8;
            var platform = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(record));
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(record + 2));
            if (!(platform == 0 || platform == 3 && encoding is 1 or 10)) continue;
            var sub = cmap.Offset + (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 4));
            var format = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(sub));
            if (format == 4) ReadFormat4(font, sub, map);
            else if (format == 12) ReadFormat12(font, sub, map);
        }
        return map;
    }

    private static void ReadFormat4(byte[] f, int sub, Dictionary<int, int> map)
    {
        var segments = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(sub + 6)) / 2;
        var ends = sub + 14;
        var starts = ends + segments * 2 + 2;
        var deltas = starts + segments * 2;
        var rangeOffsets = deltas + segments * 2;
        for (var s = 0; s < segments; s++)
        {
            int end = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(ends + s * 2));
            int start = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(starts + s * 2));
            var delta = BinaryPrimitives.ReadInt16BigEndian(f.AsSpan(deltas + s * 2));
            int rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(rangeOffsets + s * 2));
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0) glyph = (c + delta) & 0xFFFF;
                else
                {
                    var at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
                    glyph = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(at));
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                map.TryAdd(c, glyph);
            }
        }
    }

    private static void ReadFormat12(byte[] f, int sub, Dictionary<int, int> map)
    {
        var groups = (int)BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(sub + 12));
        for (var g = 0; g < groups; g++)
        {
            var at = sub + 16 + g * 12;
            var start = (int)BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(at));
            var end = (int)BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(at + 4));
            var glyph = (int)BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(at + 8));
            for (var c = start; c <= end && c - start < 0x10000; c++) map.TryAdd(c, glyph + (c - start));
        }
    }

    private static byte[] WithLongLoca(byte[] head)
    {
        var copy = (byte[])head.Clone();
        BinaryPrimitives.WriteInt16BigEndian(copy.AsSpan(50), 1);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(8), 0);
        return copy;
    }

    /// <summary>'post' version 3: same metrics, no glyph names (which are most of the table).</summary>
    private static byte[] PostWithoutNames(byte[] post)
    {
        var copy = post.AsSpan(0, 32).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(copy, 0x00030000);
        return copy;
    }

    private static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var searchRange = 1;
        var entrySelector = 0;
        while (searchRange * 2 <= count) { searchRange *= 2; entrySelector++; }
        searchRange *= 16;
        var headerLength = 12 + 16 * count;
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var output = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(output, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(6), (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(8), (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(10), (ushort)(count * 16 - searchRange));
        var offset = headerLength;
        var index = 0;
        var headOffset = 0;
        foreach (var (tag, data) in tables)
        {
            var record = 12 + 16 * index++;
            System.Text.Encoding.ASCII.GetBytes(tag, output.AsSpan(record));
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(record + 4), Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(record + 8), (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(record + 12), (uint)data.Length);
            if (tag == "head") headOffset = offset;
            data.CopyTo(output, offset);
            offset += (data.Length + 3) & ~3;
        }
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(headOffset + 8), 0xB1B0AFBA - Checksum(output));
        return output;
    }

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var b = 0; b < 4; b++) word = (word << 8) | (i + b < data.Length ? data[i + b] : 0u);
            sum += word;
        }
        return sum;
    }
}
