"""The Lua scripts that answer "nearby" inside Redis, one round trip per page.

Why in Redis: a dense city holds thousands of facilities within a few kilometres. Sending every
point to Python and filtering there costs far more than the search itself (DESIGN.md section 7),
so the scripts search outward in growing circles, filter each hit, skip what earlier pages
showed and stop as soon as one page (and one more, to know whether a next page exists) is found.
Each page item leaves Redis as finished JSON text.

What Redis costs here, measured on the national data set: a GEOSEARCH costs tens of microseconds
at a new place and then about 0.5 us for every point around its circle, so the first circle is
moderate and grows by the density it meets; a facility's member in the GEO set carries its filter
fields (backend/geo/cards.py), so filtering reads nothing more; only the page's items have their
cards read, in one HMGET, and the day's vacancy in one more.

Paging is by position, not offset: a cursor holds the last item's (price,) distance and id, and
a page holds the items strictly after it in (price,) distance, id order. Points at the same
distance (several facilities in one building) are ordered by id, so a page boundary inside such
a group neither repeats nor skips.
"""

from __future__ import annotations

# Shared by both scripts: arguments, ordering, the cursor test, the outward search and the page.
# KEYS[1] the GEO set searched, KEYS[2] the cards hash.
# ARGV[1] the search, its fields separated by one space (one argument, not ten: redis-py and Redis
# both pay per argument): lng, lat, radius (m), first circle (m), items wanted (limit + 1),
# 'distance' or 'price', the cursor's price and distance ('' without a cursor), how many hits the
# previous page went through (a hint for the first COUNT), and last, the rest of the text, the
# cursor's id ('' without a cursor). backend/geo/index.py `common_search_arg` writes it.
_COMMON = r"""
local lng, lat, max_r, r, need, order_by, c_price, c_dist, first_count, c_id = string.match(ARGV[1],
  '^(%S+) (%S+) (%S+) (%S+) (%S+) (%S+) (%S*) (%S*) (%S*) (.*)$')
if not lng then return redis.error_reply('ERR malformed search argument') end
max_r, r, need = tonumber(max_r), tonumber(r), tonumber(need)
local by_price = order_by == 'price'
c_price, c_dist = tonumber(c_price), tonumber(c_dist)
first_count = tonumber(first_count) or 0
local has_cursor = c_dist ~= nil
local NO_PRICE = 2147483647

-- The matches, as parallel arrays: a Lua table per match would cost more than the rest of the
-- scan (measured: ~2.5 us each).
local F_id, F_dist, F_dstr, F_rank, F_price, F_mask, F_amin, F_amax = {}, {}, {}, {}, {}, {}, {}, {}
local n_found = 0
local seen = {}
local far = -1

local function after_cursor(price, dist, id)
  if not has_cursor then return true end
  if by_price and price ~= c_price then return price > c_price end
  if dist ~= c_dist then return dist > c_dist end
  return id > c_id
end

local function before(a, b)
  if by_price and F_price[a] ~= F_price[b] then return F_price[a] < F_price[b] end
  if F_dist[a] ~= F_dist[b] then return F_dist[a] < F_dist[b] end
  return F_id[a] < F_id[b]
end

-- Takes the matches of one GEOSEARCH answer (nearest first). Answers true once the page is
-- certainly complete: it holds `need` items and a hit farther than all of them was met, or
-- `complete` (the answer holds every point of its circle) and the page is full.
local function scan(hits, accept, complete)
  local skip_before = (has_cursor and not by_price) and c_dist or -1
  for i = 1, #hits do
    local hit = hits[i]
    local dist = tonumber(hit[2])
    if not by_price and n_found >= need and dist > far then return true end
    local member = hit[1]
    if dist >= skip_before and not seen[member] then
      local id, price, mask, amin, amax = accept(member)
      if id and after_cursor(price, dist, id) then
        n_found = n_found + 1
        F_id[n_found], F_dist[n_found], F_dstr[n_found], F_rank[n_found] = id, dist, hit[2], i
        F_price[n_found], F_mask[n_found], F_amin[n_found], F_amax[n_found] = price, mask, amin, amax
        if dist > far then far = dist end
      end
    end
  end
  return complete and n_found >= need
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
    -- Redis hands Lua only the nearest `count` hits; more are asked for only when needed.
    local count = math.max(first_count, need * 3)
    local previous = nil
    while true do
      if previous then
        -- A later answer repeats the earlier hits; they were taken or refused already.
        for i = 1, #previous do seen[previous[i][1]] = true end
      end
      local hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', lng, lat,
        'BYRADIUS', r, 'm', 'ASC', 'COUNT', count, 'WITHDIST')
      local complete = #hits < count
      if scan(hits, accept, complete) then break end
      local rate = math.max(n_found, 1) / math.max(#hits, 1)
      local missing = math.max(need - n_found, 1)
      if complete then
        if n_found >= need or r >= max_r then break end
        -- Grow the circle to the area that should hold the matches still missing at the rate
        -- they came so far (points grow with r^2); gently while few points tell the density.
        local factor = math.sqrt((#hits + missing / rate) / math.max(#hits, 1)) * 1.2
        local most = #hits >= 8 and 3 or 2
        r = math.min(max_r, r * math.min(most, math.max(1.3, factor)))
      else
        -- Cut short by COUNT: ask again for about as many more as should hold the page.
        count = math.max(count * 2, math.ceil(#hits + missing / rate * 1.2) + 4)
      end
      previous = hits
    end
  end
  local order = {}
  local sorted = true
  for k = 1, n_found do
    order[k] = k
    if k > 1 and sorted and before(k, k - 1) then sorted = false end
  end
  -- Hits arrive nearest first, so the matches are mostly in order already: sort only when not.
  if not sorted then table.sort(order, before) end
  return order
end

-- The page: the first need - 1 matches with their cards (one HMGET), and where the next starts.
local function page(order, render, prepare)
  local take = math.min(n_found, need - 1)
  local out = {n_found > take and '1' or '0', '', '', '', '0'}
  if take == 0 then return out end
  local shown, ids = {}, {}
  for k = 1, take do
    shown[k] = order[k]
    ids[k] = F_id[order[k]]
  end
  local last = shown[take]
  out[2], out[3], out[4] = F_dstr[last], F_id[last], tostring(F_price[last])
  -- Ties may be met in another order next time; a few more than the rank cover them.
  out[5] = tostring(F_rank[last] + 8)
  local cards = redis.call('HMGET', KEYS[2], unpack(ids))
  local extra = prepare and prepare(shown) or nil
  for k = 1, take do
    if cards[k] then out[#out + 1] = render(shown[k], cards[k], extra and extra[k]) end
  end
  return out
end

local function distance_json(f)
  return ',"distance_m":' .. string.format('%d', math.floor(F_dist[f] + 0.5))
end
"""

# KEYS: as _COMMON (the GEO set of every facility, or of those offering the care type asked),
# 3 the day's vacancy overrides, 4 the vacancy bases, 5 the arranged calendar days (any keys when
# no date is asked; backend/bookings/vacancy.py describes all three).
# ARGV[1] as _COMMON; ARGV[2] the filters, separated by one space (backend/geo/index.py
# `facility_filter_arg` writes it): care bit wanted (0: any), price slot 1-4, age (-1: any),
# inclusive (-1: any, 0, 1), availability 'none' | 'false' | 'check', now as minutes since the
# day's midnight (negative before it), the day's ISO weekday (a digit), the day (ISO date), the
# care types to check, comma-separated ('' = those the facility offers), the care types a booking
# may start on that day at all, comma-separated, and the class kinds to check, comma-separated
# `kind:min_months:max_months`.
# A facility's figures are its override of the day when present, else its base when the calendar
# keeps it open that day, else none. It counts only while its `until` (the last minute a booking could get
# it) is not past; one without counts as before.
NEARBY_FACILITIES = (
    _COMMON
    + r"""
local care_bit, price_slot, age, incl, avail_mode, now_minute, weekday, day_iso, cares_arg,
  window_arg, kinds_arg = string.match(ARGV[2],
  '^(%S+) (%S+) (%S+) (%S+) (%S+) (%S+) (%S+) (%S+) (%S*) (%S*) (%S*)$')
if not care_bit then return redis.error_reply('ERR malformed filter argument') end
care_bit, price_slot, age, incl = tonumber(care_bit), tonumber(price_slot), tonumber(age), tonumber(incl)
now_minute = tonumber(now_minute)
local CARE_NAMES = {{1, 'full_day'}, {2, 'half_day'}, {4, 'hourly'}, {8, 'temporary'}}
-- A member is `id|` then four characters, each 48 + a number: the care-type mask, inclusive (0/1),
-- age_min and age_max, then `|p_full|p_half|p_hourly|p_temp`. string.byte reads the four numbers
-- without making a Lua string each; prices are parsed only when ordering by them.
local PRICES = '^|(%-?%d+)|(%-?%d+)|(%-?%d+)|(%-?%d+)$'

local function split(text)
  local parts = {}
  for part in string.gmatch(text, '[^,]+') do parts[#parts + 1] = part end
  return parts
end
local check_cares = split(cares_arg)
local in_window = {}
for _, care in ipairs(split(window_arg)) do in_window[care] = true end
local check_kinds = {}
for _, spec in ipairs(split(kinds_arg)) do
  local name, low, high = string.match(spec, '^(%a+):(%d+):(%d+)$')
  check_kinds[#check_kinds + 1] = {name = name, min = tonumber(low), max = tonumber(high)}
end

local function accept(member)
  local bar = string.find(member, '|', 1, true)
  if not bar then return nil end
  local mask, inc, amin, amax = string.byte(member, bar + 1, bar + 4)
  if not amax then return nil end
  mask, inc, amin, amax = mask - 48, inc - 48, amin - 48, amax - 48
  if care_bit ~= 0 and bit.band(mask, care_bit) == 0 then return nil end
  if incl >= 0 and inc ~= incl then return nil end
  if age >= 0 and (age < amin or age > amax) then return nil end
  local price = NO_PRICE
  if by_price then
    local _, _, p1, p2, p3, p4 = string.find(member, PRICES, bar + 5)
    local p = tonumber(({p1, p2, p3, p4})[price_slot])
    if p and p >= 0 then price = p end
  end
  return string.sub(member, 1, bar - 1), price, mask, amin, amax
end

-- Whether each shown facility has a free place that day: some care type asked (or offered) in some
-- class kind that fits the age asked (and the facility's ages). Each facility's figures are its
-- override of the day when it has one, else its base when the calendar keeps it open: two HMGETs
-- of one field a facility, and the day's calendar entry. Only the figures asked for are looked up,
-- with a plain find each: parsing every figure into tables cost most of the script (measured).
local needles = {}

local function needles_of(care)
  local found = needles[care]
  if not found then
    found = {}
    for j, kind in ipairs(check_kinds) do found[j] = ';' .. care .. '|' .. kind.name .. '=' end
    needles[care] = found
  end
  return found
end

-- Entries `;name=n@until` in text: whether the one `needle` names counts at the time of asking.
local function counts(text, needle)
  local at = string.find(text, needle, 1, true)
  if not at then return false end
  local n, u = string.match(text, '^(%d+)@?(%-?%d*)', at + #needle)
  n, u = tonumber(n), tonumber(u)
  return n ~= nil and n > 0 and (u == nil or u >= now_minute)
end

local function mark_available(shown)
  local free, ids = {}, {}
  for k, f in ipairs(shown) do
    free[k] = false
    ids[k] = F_id[f]
  end
  local overrides = redis.call('HMGET', KEYS[3], unpack(ids))
  local bases = redis.call('HMGET', KEYS[4], unpack(ids))
  local status = redis.call('HGET', KEYS[5], day_iso)
  for k, f in ipairs(shown) do
    local text = false
    if overrides[k] then
      text = ';' .. overrides[k]
    elseif bases[k] then
      -- `weekdays;care|kind=n@until;...`: the figures of a quiet open day, none on a closed one.
      local raw = bases[k]
      local semi = string.find(raw, ';', 1, true)
      if semi then
        local is_open
        if status == 'w' then
          is_open = true
        elseif status == 'h' then
          is_open = false
        else
          local at = string.find(raw, weekday, 1, true)
          is_open = at ~= nil and at < semi
        end
        if is_open then text = raw end
      end
    end
    if text then
      local cares = check_cares
      if #cares == 0 then
        cares = {}
        for _, pair in ipairs(CARE_NAMES) do
          if bit.band(F_mask[f], pair[1]) ~= 0 then cares[#cares + 1] = pair[2] end
        end
      end
      for _, care in ipairs(cares) do
        if in_window[care] then
          local names = needles_of(care)
          for j, kind in ipairs(check_kinds) do
            if kind.min <= F_amax[f] and kind.max >= F_amin[f] and counts(text, names[j]) then
              free[k] = true
              break
            end
          end
          if free[k] then break end
        end
      end
    end
  end
  return free
end

local function render(f, card, free)
  local avail = 'null'
  if avail_mode == 'false' then
    avail = 'false'
  elseif avail_mode == 'check' then
    avail = free and 'true' or 'false'
  end
  return card .. distance_json(f) .. ',"available":' .. avail .. '}'
end

local order = search(accept)
if avail_mode == 'check' then
  return page(order, render, mark_available)
end
return page(order, render)
"""
)

# KEYS and ARGV as _COMMON (always by distance); a room's member is its id.
NEARBY_ROOMS = (
    _COMMON
    + r"""
local function accept(member)
  return member, NO_PRICE
end

local function render(f, card)
  return card .. distance_json(f) .. '}'
end

return page(search(accept), render)
"""
)

# Replaces a facility's entry atomically, so a search never sees it twice or half-updated.
# KEYS 1 the GEO set of every facility, 2-5 those of each care type (CARE_ORDER), 6 members, 7 cards.
# ARGV 1 id, 2 new member ('' removes the facility), 3 lng, 4 lat, 5 a '1' or '0' per care type,
# 6 the card.
UPDATE_FACILITY = r"""
local id, new = ARGV[1], ARGV[2]
local old = redis.call('HGET', KEYS[6], id)
if old and old ~= new then
  for k = 1, 5 do redis.call('ZREM', KEYS[k], old) end
end
if new == '' then
  redis.call('HDEL', KEYS[6], id)
  redis.call('HDEL', KEYS[7], id)
  return 0
end
redis.call('GEOADD', KEYS[1], ARGV[3], ARGV[4], new)
for k = 1, 4 do
  if string.sub(ARGV[5], k, k) == '1' then
    redis.call('GEOADD', KEYS[k + 1], ARGV[3], ARGV[4], new)
  else
    redis.call('ZREM', KEYS[k + 1], new)
  end
end
redis.call('HSET', KEYS[6], id, new)
redis.call('HSET', KEYS[7], id, ARGV[6])
return 1
"""
