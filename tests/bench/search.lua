-- wrk script: searches as citizens type them (with and without diacritics), in turn, of
-- the kind named by SEARCH_KIND: common words, a rare word, a quoted phrase, or common
-- words within a category and a span of dates.
local kinds = {
  common = {
    "khuyen cong", "chế biến chè", "gom su lang nghe", "đào tạo nghề", "hoi cho trien lam",
    "kinh phí địa phương", "mien dong", "tiet kiem nang luong", "doanh nghiep",
  },
  rare = { "sơn mài", "son mai", "SƠN MÀI khuyến công" },
  phrase = { "\"thuong mai dien tu\"", "\"làng nghề\"", "\"che bien che\" xuat khau" },
  filtered = {
    "khuyen cong&category=chinh-sach&from=2014-01-01&to=2018-12-31",
    "doanh nghiệp&category=san-pham-cnnttb&from=2020-01-01&to=2020-12-31",
    "lang nghe&category=tin-hoat-dong&from=2011-06-01",
  },
}
local queries = kinds[os.getenv("SEARCH_KIND") or "common"]
local n = 0

local function encode(text)
  return (text:gsub("[^%w%-_.~&=]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  return wrk.format("GET", "/api/search?q=" .. encode(q) .. "&page=" .. tostring((n % 3) + 1))
end
