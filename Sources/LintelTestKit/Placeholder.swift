public enum PlaceholderLintelTestKit {}
