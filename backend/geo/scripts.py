"""The Lua scripts that answer "nearby" inside Redis, one round trip per page.

Why in Redis: a dense city holds thousands of facilities within a few kilometres. Sending every
point to Python and filtering there costs far more than the search itself (DESIGN.md section 7),
so the scripts search outward in growing circles, filter on the compact card kept beside each
point, skip what earlier pages showed and stop as soon as one page (and one more, to know whether
a next page exists) is found. Each page item leaves Redis as finished JSON text.

Paging is by position, not offset: a cursor holds the last item's (price,) distance and id, and
a page holds the items strictly after it in (price,) distance, id order. Points at the same
distance are ordered by id, so a page boundary inside a group of equals neither repeats nor skips.

A facility card is `mask|inclusive|age_min|age_max|p_full|p_half|p_hourly|p_temp|{json...` where
mask has a bit per care type offered (cards.CARE_BITS), prices are fen or -1, and the JSON object
lacks its closing brace so the script can add distance_m and available.
A room card is just the JSON object without its closing brace.
"""

from __future__ import annotations

# Shared by both scripts: ordering, the cursor test, and a scan over GEOSEARCH hits that
# collects the accepted ones, reading cards in batches to keep redis.call overhead low.
_COMMON = r"""
local lng, lat = ARGV[1], ARGV[2]
local max_r = tonumber(ARGV[3])
local r = tonumber(ARGV[4])
local need = tonumber(ARGV[5])
local by_price = ARGV[6] == 'price'
local c_price = tonumber(ARGV[7])
local c_dist = tonumber(ARGV[8])
local c_id = ARGV[9]
-- How many hits the previous page went through: where this page's first search should reach.
local first_count = tonumber(ARGV[10]) or 0
local has_cursor = c_dist ~= nil
local NO_PRICE = 2147483647
local BATCH = 64

local found = {}
local seen = {}
local far = -1

local function after_cursor(price, dist, id)
  if not has_cursor then return true end
  if by_price and price ~= c_price then return price > c_price end
  if dist ~= c_dist then return dist > c_dist end
  return id > c_id
end

local function before(a, b)
  if by_price and a.price ~= b.price then return a.price < b.price end
  if a.dist ~= b.dist then return a.dist < b.dist end
  return a.id < b.id
end

-- Scans one GEOSEARCH answer (nearest first); answers true once the page is certainly complete.
-- `complete`: the answer holds every point of its circle (not cut short by COUNT).
local read, kept = 0, 0
local function scan(hits, accept, complete)
  local n = #hits
  local i = 1
  while i <= n do
    -- Read about as many cards as should fill the page at the rate cards matched so far: a
    -- page without filters reads its 20 cards, not a whole batch.
    local rate = (kept + 1) / (read + 1)
    local batch = math.min(BATCH, math.max(4, math.ceil((need - #found) / rate) + 2))
    local ids, dists, dstrs, ranks = {}, {}, {}, {}
    while i <= n and #ids < batch do
      local id = hits[i][1]
      if not seen[id] then
        seen[id] = true
        local d = tonumber(hits[i][2])
        if by_price or after_cursor(0, d, id) then
          ids[#ids + 1] = id
          dists[#dists + 1] = d
          dstrs[#dstrs + 1] = hits[i][2]
          ranks[#ranks + 1] = i
        end
      end
      i = i + 1
    end
    if #ids > 0 then
      local cards = redis.call('HMGET', KEYS[2], unpack(ids))
      read = read + #ids
      for k = 1, #ids do
        local card = cards[k]
        if card then
          local item = accept(ids[k], dists[k], card)
          if item and after_cursor(item.price, item.dist, item.id) then
            kept = kept + 1
            item.dstr = dstrs[k]
            item.rank = ranks[k]
            found[#found + 1] = item
            if item.dist > far then far = item.dist end
          end
        end
      end
    end
    -- Nearest first: once a page is found and a later hit is farther than all of it, no later
    -- hit can belong to the page. Equal distances are all taken (several facilities share one
    -- building), then ordered by id below; a cut-short answer may hide more of them.
    if not by_price and #found >= need then
      if i <= n then
        if tonumber(hits[i][2]) > far then return true end
      elseif complete or tonumber(hits[n][2]) > far then
        return true
      end
    end
  end
  return false
end

local function search(accept)
  if by_price then
    -- Cheapest first needs every match in the radius.
    scan(redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', lng, lat,
      'BYRADIUS', max_r, 'm', 'ASC', 'WITHDIST'), accept, true)
  else
    if has_cursor then
      -- Nothing before the cursor can be on this page, so start beyond it.
      r = math.max(r, c_dist * 1.25 + 1)
    end
    if r > max_r then r = max_r end
    -- Redis measures every point of the circle in C but hands Lua only the nearest `count`:
    -- turning hits into Lua values is the dear part, so ask for few and more only when needed.
    local count = math.max(first_count, need * 3)
    while true do
      local hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', lng, lat,
        'BYRADIUS', r, 'm', 'ASC', 'COUNT', count, 'WITHDIST')
      if scan(hits, accept, #hits < count) then break end
      if #hits < count then
        -- The circle is exhausted: every match within r is found.
        if #found >= need or r >= max_r then break end
        -- Redis measures every point of a circle, so grow it just enough: to the area that should
        -- hold the matches still missing at the rate matches came so far (points grow with r^2).
        local rate = math.max(#found, 1) / math.max(#hits, 1)
        local wanted = #hits + (need - #found) / rate
        local factor = math.sqrt(wanted / math.max(#hits, 1)) * 1.2
        r = math.min(max_r, r * math.min(4, math.max(1.5, factor)))
      else
        count = count * 4
      end
    end
  end
  table.sort(found, before)
end

local function page(render, prepare)
  local take = math.min(#found, need - 1)
  if prepare and take > 0 then
    local shown = {}
    for k = 1, take do shown[k] = found[k] end
    prepare(shown)
  end
  local out = {#found > take and '1' or '0', '', '', '', '0'}
  if take > 0 then
    local last = found[take]
    out[2], out[3], out[4] = last.dstr, last.id, tostring(last.price)
    -- Ties may be met in another order next time; a few more than the rank cover them.
    out[5] = tostring(last.rank + 8)
  end
  for k = 1, take do
    out[#out + 1] = render(found[k])
  end
  return out
end

local function distance_json(item)
  return ',"distance_m":' .. string.format('%d', math.floor(item.dist + 0.5))
end
"""

# KEYS: geo set of facilities, cards hash, the day's vacancy hash (any key when no date asked).
# ARGV 1-10 as _COMMON; 11 care bit wanted (0: any), 12 price slot 1-4, 13 age (-1: any),
# 14 inclusive (-1: any, 0, 1), 15 availability 'none' | 'false' | 'check',
# 16 care types to check, comma-separated ('' = those the facility offers), 17 class kinds to
# check, comma-separated `kind:min_months:max_months`.
NEARBY_FACILITIES = (
    _COMMON
    + r"""
local care_bit = tonumber(ARGV[11])
local price_slot = tonumber(ARGV[12])
local age = tonumber(ARGV[13])
local incl = tonumber(ARGV[14])
local avail_mode = ARGV[15]
local CARE_NAMES = {{1, 'full_day'}, {2, 'half_day'}, {4, 'hourly'}, {8, 'temporary'}}
local PATTERN = '^(%d+)|(%d)|(%d+)|(%d+)|(%-?%d+)|(%-?%d+)|(%-?%d+)|(%-?%d+)|()'

local function split(text)
  local parts = {}
  for part in string.gmatch(text, '[^,]+') do parts[#parts + 1] = part end
  return parts
end
local check_cares = split(ARGV[16])
local check_kinds = {}
for _, spec in ipairs(split(ARGV[17])) do
  local name, low, high = string.match(spec, '^(%a+):(%d+):(%d+)$')
  check_kinds[#check_kinds + 1] = {name = name, min = tonumber(low), max = tonumber(high)}
end

local function accept(id, dist, card)
  local _, _, mask, inc, amin, amax, p1, p2, p3, p4, at = string.find(card, PATTERN)
  if not mask then return nil end
  mask = tonumber(mask)
  if care_bit ~= 0 and bit.band(mask, care_bit) == 0 then return nil end
  if incl >= 0 and tonumber(inc) ~= incl then return nil end
  if age >= 0 and (age < tonumber(amin) or age > tonumber(amax)) then return nil end
  local price = NO_PRICE
  if by_price then
    local p = tonumber(({p1, p2, p3, p4})[price_slot])
    if p >= 0 then price = p end
  end
  return {
    id = id, dist = dist, price = price, card = card, at = at, mask = mask,
    amin = tonumber(amin), amax = tonumber(amax),
  }
end

-- Whether each shown facility has a free place that day: some care type asked (or offered) in some
-- class kind that fits the age asked (and the facility's ages), all read in one HMGET.
local function mark_available(items)
  local fields, spans = {}, {}
  for k, item in ipairs(items) do
    local first = #fields + 1
    local cares = check_cares
    if #cares == 0 then
      cares = {}
      for _, pair in ipairs(CARE_NAMES) do
        if bit.band(item.mask, pair[1]) ~= 0 then cares[#cares + 1] = pair[2] end
      end
    end
    for _, care in ipairs(cares) do
      for _, kind in ipairs(check_kinds) do
        if kind.min <= item.amax and kind.max >= item.amin then
          fields[#fields + 1] = item.id .. '|' .. care .. '|' .. kind.name
        end
      end
    end
    spans[k] = {first, #fields}
  end
  local counts = {}
  if #fields > 0 then counts = redis.call('HMGET', KEYS[3], unpack(fields)) end
  for k, item in ipairs(items) do
    item.avail = false
    for f = spans[k][1], spans[k][2] do
      local count = counts[f]
      if count and (tonumber(count) or 0) > 0 then
        item.avail = true
        break
      end
    end
  end
end

local function render(item)
  local avail = 'null'
  if avail_mode == 'false' then
    avail = 'false'
  elseif avail_mode == 'check' then
    avail = item.avail and 'true' or 'false'
  end
  return string.sub(item.card, item.at) .. distance_json(item) .. ',"available":' .. avail .. '}'
end

search(accept)
if avail_mode == 'check' then
  return page(render, mark_available)
end
return page(render)
"""
)

# KEYS: geo set of rooms, cards hash. ARGV 1-10 as _COMMON (always by distance).
NEARBY_ROOMS = (
    _COMMON
    + r"""
local function accept(id, dist, card)
  return {id = id, dist = dist, price = NO_PRICE, card = card}
end

local function render(item)
  return item.card .. distance_json(item) .. '}'
end

search(accept)
return page(render)
"""
)
