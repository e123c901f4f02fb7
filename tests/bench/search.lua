-- wrk script: searches as citizens type them (with and without diacritics, several
-- words, a phrase), in turn.
local queries = {
  "khuyen cong", "chế biến chè", "gom su lang nghe", "đào tạo nghề", "\"thuong mai dien tu\"",
  "hoi cho trien lam", "kinh phí địa phương", "mien dong", "tiet kiem nang luong", "doanh nghiep",
}
local n = 0

local function encode(text)
  return (text:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  return wrk.format("GET", "/api/search?q=" .. encode(q) .. "&page=" .. tostring((n % 3) + 1))
end
